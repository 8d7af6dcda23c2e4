import { IANAZone } from 'luxon'
import { DAY_MS, HOUR_MS, MAX_FOUR_DIGIT_YEAR_MS, MIN_FOUR_DIGIT_YEAR_MS } from './calendar.js'
import type { Instant } from './instant.js'
import { createDateTimeFields, readDateTime } from './read-date-time.js'

/** How a converter settles local times that DST makes ambiguous or impossible. */
export interface LocalTimePolicy {
  /** Repeated (autumn) hour: take the earlier or later instant, or reject. */
  readonly ambiguous: 'earlier' | 'later' | 'reject'
  /**
   * Skipped (spring) hour: read the time with the offset in force before the jump (luxon's
   * behaviour: 03:30 in Tallinn's gap becomes 01:30Z = 04:30 local), or reject.
   */
  readonly nonexistent: 'shift_forward' | 'reject'
}

/** The default policy: the earlier instant of a repeated hour, shift a skipped hour forward. */
export const DEFAULT_LOCAL_TIME_POLICY: LocalTimePolicy = Object.freeze({
  ambiguous: 'earlier',
  nonexistent: 'shift_forward',
})

/** The outcome of {@link LocalTimeConverter.convert}. */
export type LocalTimeResult =
  | {
      readonly success: true
      /** The UTC instant the local time stands for under the policy. */
      readonly instant: Instant
      /** Set when the local time fell in a repeated (autumn) or skipped (spring) hour. */
      readonly dst?: 'repeated' | 'skipped'
      /** How the DST case was settled (only with dst). */
      readonly resolution?: 'earlier' | 'later' | 'shifted_forward'
      /** Both instants a repeated local time can mean, earlier first (only when dst is 'repeated'). */
      readonly candidates?: readonly [Instant, Instant]
    }
  | {
      readonly success: false
      /** `invalid_time`: not a valid local time text; the others: a DST case under a `reject` policy. */
      readonly reason: 'invalid_time' | 'ambiguous_time' | 'nonexistent_time'
      /** What is wrong. */
      readonly message: string
    }

/** Converts zone-less wall-clock times of one IANA zone to UTC instants. */
export interface LocalTimeConverter {
  /** The IANA zone name, as given. */
  readonly zone: string
  /** The policy in force (defaults filled in). */
  readonly policy: LocalTimePolicy
  /**
   * Converts `YYYY-MM-DD HH:MM:SS` (or `T` as separator, optional `.f{1,9}` fraction) read in
   * the zone. Never throws; the host time zone plays no part.
   */
  convert(text: string): LocalTimeResult
}

const SINGLE = 0
const REPEATED = 1
const SKIPPED = 2

/**
 * Where a wall-clock time falls: one instant (`single`: wall − beforeMs, both offsets equal),
 * two (`repeated`: wall − beforeMs, then wall − afterMs) or none (`skipped`: beforeMs and afterMs
 * are the offsets before and after the jump).
 */
interface Placement {
  readonly kind: typeof SINGLE | typeof REPEATED | typeof SKIPPED
  readonly beforeMs: number
  readonly afterMs: number
}

const CACHE_LIMIT = 50_000
const AMBIGUOUS_CHOICES = ['earlier', 'later', 'reject']
const NONEXISTENT_CHOICES = ['shift_forward', 'reject']

function invalid(message: string): LocalTimeResult {
  return { success: false, reason: 'invalid_time', message }
}

function samePlacement(a: Placement, b: Placement): boolean {
  return a.kind === b.kind && a.beforeMs === b.beforeMs && a.afterMs === b.afterMs
}

/**
 * Creates a converter of wall-clock times in `zone` to UTC instants under `policy` (missing
 * fields from {@link DEFAULT_LOCAL_TIME_POLICY}). Throws TypeError for an invalid IANA zone or
 * policy value (programmer misuse).
 *
 * A wall time is placed as Temporal's possible-instants do: with the zone's offsets a day before
 * and a day after, an instant `wall − offset` is valid when the zone has that offset there
 * (this assumes at most one transition within a day of the wall time). The placement is cached
 * per local hour when the hour's first and last millisecond place alike; other hours (e.g. Lord
 * Howe's 30-minute shift) are placed per call.
 */
export function createLocalTimeConverter(
  zone: string,
  policy?: Partial<LocalTimePolicy>,
): LocalTimeConverter {
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw new TypeError(
      `createLocalTimeConverter: ${JSON.stringify(zone)} is not a valid IANA time zone`,
    )
  }
  const resolved: LocalTimePolicy = Object.freeze({
    ambiguous: policy?.ambiguous ?? DEFAULT_LOCAL_TIME_POLICY.ambiguous,
    nonexistent: policy?.nonexistent ?? DEFAULT_LOCAL_TIME_POLICY.nonexistent,
  })
  if (!AMBIGUOUS_CHOICES.includes(resolved.ambiguous)) {
    throw new TypeError(
      `createLocalTimeConverter: policy.ambiguous must be one of ${AMBIGUOUS_CHOICES.join(', ')}`,
    )
  }
  if (!NONEXISTENT_CHOICES.includes(resolved.nonexistent)) {
    throw new TypeError(
      `createLocalTimeConverter: policy.nonexistent must be one of ${NONEXISTENT_CHOICES.join(', ')}`,
    )
  }
  const rules = IANAZone.create(zone)
  const fields = createDateTimeFields()
  const hours = new Map<number, Placement | null>()

  const offsetMs = (epochMs: number): number => Math.round(rules.offset(epochMs) * 60_000)

  function place(wallMs: number): Placement {
    const beforeMs = offsetMs(wallMs - DAY_MS)
    const afterMs = offsetMs(wallMs + DAY_MS)
    const beforeValid = offsetMs(wallMs - beforeMs) === beforeMs
    if (beforeMs === afterMs) return { kind: beforeValid ? SINGLE : SKIPPED, beforeMs, afterMs }
    const afterValid = offsetMs(wallMs - afterMs) === afterMs
    if (beforeValid && afterValid) return { kind: REPEATED, beforeMs, afterMs }
    if (beforeValid) return { kind: SINGLE, beforeMs, afterMs: beforeMs }
    if (afterValid) return { kind: SINGLE, beforeMs: afterMs, afterMs }
    return { kind: SKIPPED, beforeMs, afterMs }
  }

  function placeHour(hourKey: number): Placement | null {
    const start = hourKey * HOUR_MS
    const first = place(start)
    return samePlacement(first, place(start + HOUR_MS - 1)) ? first : null
  }

  function placeCached(wallMs: number): Placement {
    // An int32 key stays a small integer, so Map.get does not box it.
    const hourKey = Math.floor(wallMs / HOUR_MS) | 0
    let placement = hours.get(hourKey)
    if (placement === undefined) {
      if (hours.size >= CACHE_LIMIT) hours.clear()
      placement = placeHour(hourKey)
      hours.set(hourKey, placement)
    }
    return placement ?? place(wallMs)
  }

  function instantAt(epochMs: number, nanos: number): Instant | undefined {
    return epochMs < MIN_FOUR_DIGIT_YEAR_MS || epochMs > MAX_FOUR_DIGIT_YEAR_MS
      ? undefined
      : { epochMs, nanos }
  }

  function convert(text: string): LocalTimeResult {
    if (typeof text !== 'string') return invalid(`expected a string, got ${typeof text}`)
    const message = readDateTime(text, false, fields)
    if (message !== undefined) return invalid(message)
    if (fields.end !== text.length) {
      return invalid(
        `unexpected text at position ${fields.end}, a local time has no offset or zone`,
      )
    }
    const { wallMs, nanos } = fields
    const placement = placeCached(wallMs)
    const earlier = instantAt(wallMs - placement.beforeMs, nanos)
    if (earlier === undefined)
      return invalid(`${text} in ${zone} falls outside years 0000-9999 in UTC`)
    if (placement.kind === SINGLE) return { success: true, instant: earlier }
    if (placement.kind === SKIPPED) {
      if (resolved.nonexistent === 'reject') {
        return {
          success: false,
          reason: 'nonexistent_time',
          message: `${text} does not exist in ${zone}: the clocks skipped it`,
        }
      }
      return { success: true, instant: earlier, dst: 'skipped', resolution: 'shifted_forward' }
    }
    if (resolved.ambiguous === 'reject') {
      return {
        success: false,
        reason: 'ambiguous_time',
        message: `${text} occurs twice in ${zone}: the clocks were set back over it`,
      }
    }
    const later = instantAt(wallMs - placement.afterMs, nanos)
    if (later === undefined)
      return invalid(`${text} in ${zone} falls outside years 0000-9999 in UTC`)
    return resolved.ambiguous === 'earlier'
      ? {
          success: true,
          instant: earlier,
          dst: 'repeated',
          resolution: 'earlier',
          candidates: [earlier, later],
        }
      : {
          success: true,
          instant: later,
          dst: 'repeated',
          resolution: 'later',
          candidates: [earlier, later],
        }
  }

  return { zone, policy: resolved, convert }
}
