import {
  createLocalTimeConverter,
  DEFAULT_LOCAL_TIME_POLICY,
  formatInstant,
  type Instant,
  type LocalTimePolicy,
  quote,
} from '@evnorm/core/adapter'

/** Which instant of a repeated local time the `seq_id` order of the rows around it shows. */
export type InferredSide = 'earlier' | 'later'

/** A Smaily `time` placed on the UTC line, or why it cannot be. */
export type SmailyTimeResult =
  | {
      readonly success: true
      /** The canonical `occurredAt` (nine fraction digits, UTC). */
      readonly occurredAt: string
      /** The same instant in epoch milliseconds. */
      readonly epochMs: number
      /** Set when the local time fell in a repeated or skipped hour. */
      readonly dst?: 'repeated' | 'skipped'
      /** How the DST case was settled. */
      readonly resolution?:
        | 'earlier'
        | 'later'
        | 'inferred_earlier'
        | 'inferred_later'
        | 'shifted_forward'
    }
  | {
      readonly success: false
      readonly reason: 'invalid_time' | 'ambiguous_time' | 'nonexistent_time'
      readonly message: string
    }

/**
 * Where a time may sit for the `seq_id` evidence: one epoch-ms instant, both instants of a
 * repeated local time (earlier first), or undefined for a skipped or invalid time.
 */
export type TimePlacement = number | readonly [number, number] | undefined

/** Reads Smaily's zone-less `YYYY-MM-DD HH:MM:SS` times of one zone. */
export interface SmailyClock {
  /** The IANA zone. */
  readonly zone: string
  /** Places `text` under the policy, or at the side the `seq_id` evidence showed. */
  read(text: string, inferred?: InferredSide): SmailyTimeResult
  /** Where `text` may sit, for the `seq_id` evidence (policy-free). */
  place(text: string): TimePlacement
}

const CACHE_LIMIT = 50_000
const HOUR_MS = 3_600_000
const DASH = 45
const SPACE = 32
const COLON = 58

/** The fields of one `YYYY-MM-DD HH:MM:SS` text, refilled by {@link readWall} (no allocation). */
interface Wall {
  /** The text is exactly `YYYY-MM-DD HH:MM:SS` (digits and separators). */
  shaped: boolean
  /** A small-integer key of the local hour (no boxing in `Map.get`); -1 when a field is out of range. */
  hourKey: number
  /** Milliseconds from the start of the local hour. */
  offsetMs: number
}

function twoDigits(text: string, index: number): number {
  const tens = text.charCodeAt(index) - 48
  const ones = text.charCodeAt(index + 1) - 48
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1
}

function readWall(text: string, wall: Wall): void {
  wall.hourKey = -1
  wall.shaped =
    text.length === 19 &&
    text.charCodeAt(4) === DASH &&
    text.charCodeAt(7) === DASH &&
    text.charCodeAt(10) === SPACE &&
    text.charCodeAt(13) === COLON &&
    text.charCodeAt(16) === COLON
  if (!wall.shaped) return
  const century = twoDigits(text, 0)
  const year = twoDigits(text, 2)
  const month = twoDigits(text, 5)
  const day = twoDigits(text, 8)
  const hour = twoDigits(text, 11)
  const minute = twoDigits(text, 14)
  const second = twoDigits(text, 17)
  if ((century | year | month | day | hour | minute | second) < 0) {
    wall.shaped = false
    return
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return
  }
  wall.hourKey = (((century * 100 + year) * 12 + month - 1) * 31 + day - 1) * 24 + hour
  wall.offsetMs = minute * 60_000 + second * 1000
}

/**
 * The zone name with the letter case the runtime's time zone data gives it (`europe/tallinn` is
 * `Europe/Tallinn`); any other name (an alias the runtime resolves elsewhere, an unknown zone)
 * is kept as given, so the stored name never depends on the runtime's alias table.
 */
function zoneNameOf(zone: string): string {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone
  } catch {
    return zone
  }
}

/**
 * Builds the clock of one zone (its {@link zoneNameOf} name is `zone`). Conversion goes through core's `createLocalTimeConverter`;
 * each local hour with one fixed offset is converted once and its start cached, so a row costs
 * one pass over its 19 characters, a map lookup and core's `formatInstant`.
 * Throws TypeError on an invalid zone or policy (programmer misuse).
 */
export function createSmailyClock(
  givenZone: string,
  policy?: Partial<LocalTimePolicy>,
): SmailyClock {
  const zone = zoneNameOf(givenZone)
  const converter = createLocalTimeConverter(zone, policy)
  const probe = createLocalTimeConverter(zone, DEFAULT_LOCAL_TIME_POLICY)
  /** Epoch ms of the start of each plain local hour seen (null: the hour has a transition). */
  const hourStarts = new Map<number, number | null>()
  const wall: Wall = { shaped: false, hourKey: -1, offsetMs: 0 }

  function plainHourStart(key: number, text: string): number | null {
    if (key < 0) return null
    let start = hourStarts.get(key)
    if (start === undefined) {
      if (hourStarts.size >= CACHE_LIMIT) hourStarts.clear()
      start = measureHour(text.slice(0, 13))
      hourStarts.set(key, start)
    }
    return start
  }

  function measureHour(prefix: string): number | null {
    const first = probe.convert(`${prefix}:00:00`)
    const last = probe.convert(`${prefix}:59:59`)
    if (!first.success || !last.success || first.dst !== undefined || last.dst !== undefined) {
      return null
    }
    if (last.instant.epochMs - first.instant.epochMs !== HOUR_MS - 1000) return null
    return first.instant.epochMs
  }

  function read(text: string, inferred?: InferredSide): SmailyTimeResult {
    readWall(text, wall)
    if (!wall.shaped) return malformed(text)
    const start = plainHourStart(wall.hourKey, text)
    if (start === null) return readSlow(text, inferred)
    const epochMs = start + wall.offsetMs
    return { success: true, occurredAt: formatInstant({ epochMs, nanos: 0 }), epochMs }
  }

  function readSlow(text: string, inferred: InferredSide | undefined): SmailyTimeResult {
    const result = converter.convert(text)
    if (result.success) {
      if (result.dst === 'repeated' && inferred !== undefined && result.candidates) {
        return inferredResult(result.candidates, inferred)
      }
      return {
        success: true,
        occurredAt: formatInstant(result.instant),
        epochMs: result.instant.epochMs,
        ...(result.dst === undefined ? {} : { dst: result.dst }),
        ...(result.resolution === undefined ? {} : { resolution: result.resolution }),
      }
    }
    if (result.reason === 'invalid_time') return invalidTime(text, result.message)
    if (result.reason === 'nonexistent_time') {
      return {
        success: false,
        reason: 'nonexistent_time',
        message: `time ${quote(text)} does not exist in ${zone} (the clocks skipped it) and timePolicy.nonexistent is 'reject'`,
      }
    }
    const candidates = inferred === undefined ? undefined : probe.convert(text)
    if (candidates?.success && candidates.candidates && inferred !== undefined) {
      return inferredResult(candidates.candidates, inferred)
    }
    return {
      success: false,
      reason: 'ambiguous_time',
      message: `time ${quote(text)} occurs twice in ${zone} (the clocks were set back over it), timePolicy.ambiguous is 'reject' and no seq_id evidence settled it`,
    }
  }

  function malformed(text: string): SmailyTimeResult {
    const probed = probe.convert(text)
    return invalidTime(
      text,
      probed.success ? 'expected exactly YYYY-MM-DD HH:MM:SS' : probed.message,
    )
  }

  function place(text: string): TimePlacement {
    readWall(text, wall)
    if (!wall.shaped) return undefined
    const start = plainHourStart(wall.hourKey, text)
    if (start !== null) return start + wall.offsetMs
    const result = probe.convert(text)
    if (!result.success || result.dst === 'skipped') return undefined
    const candidates = result.candidates
    return candidates ? [candidates[0].epochMs, candidates[1].epochMs] : result.instant.epochMs
  }

  return { zone, read, place }
}

function inferredResult(
  candidates: readonly [Instant, Instant],
  inferred: InferredSide,
): SmailyTimeResult {
  const instant = inferred === 'earlier' ? candidates[0] : candidates[1]
  return {
    success: true,
    occurredAt: formatInstant(instant),
    epochMs: instant.epochMs,
    dst: 'repeated',
    resolution: inferred === 'earlier' ? 'inferred_earlier' : 'inferred_later',
  }
}

function invalidTime(text: string, problem: string): SmailyTimeResult {
  return {
    success: false,
    reason: 'invalid_time',
    message: `time ${quote(text)} is not a valid YYYY-MM-DD HH:MM:SS local time: ${problem}`,
  }
}
