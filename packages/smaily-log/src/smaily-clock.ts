import {
  createLocalTimeConverter,
  DEFAULT_LOCAL_TIME_POLICY,
  formatInstant,
  type Instant,
  type LocalTimePolicy,
} from '@evnorm/core'
import { quote } from './smaily-quote.js'

/** Which instant of a repeated local time the batch's `seq_id` order shows. */
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

interface PlainHour {
  readonly baseMs: number
  readonly utcPrefix: string | undefined
}

const SHAPE = 'dddd-dd-dd dd:dd:dd'
const FRACTION = '.000000000Z'
const CACHE_LIMIT = 50_000
const HOUR_MS = 3_600_000

function hasShape(text: string): boolean {
  if (text.length !== SHAPE.length) return false
  for (let index = 0; index < SHAPE.length; index++) {
    const code = text.charCodeAt(index)
    const expected = SHAPE.charCodeAt(index)
    if (expected === 100 ? code < 48 || code > 57 : code !== expected) return false
  }
  return true
}

function digits2(text: string, index: number): number {
  return (text.charCodeAt(index) - 48) * 10 + text.charCodeAt(index + 1) - 48
}

function hourKey(text: string): number {
  return (
    ((digits2(text, 0) * 100 + digits2(text, 2)) * 100 + digits2(text, 5)) * 10_000 +
    digits2(text, 8) * 100 +
    digits2(text, 11)
  )
}

function millisIntoHour(text: string): number {
  const minute = digits2(text, 14)
  const second = digits2(text, 17)
  return minute < 60 && second < 60 ? minute * 60_000 + second * 1000 : -1
}

/**
 * Builds the clock of one zone. Conversion goes through core's `createLocalTimeConverter`;
 * each local hour with one fixed offset is converted once and cached, so a row costs a
 * shape check, a map lookup and (for whole-hour offsets) one string concatenation.
 * Throws TypeError on an invalid zone or policy (programmer misuse).
 */
export function createSmailyClock(zone: string, policy?: Partial<LocalTimePolicy>): SmailyClock {
  const converter = createLocalTimeConverter(zone, policy)
  const probe = createLocalTimeConverter(zone, DEFAULT_LOCAL_TIME_POLICY)
  const hours = new Map<number, PlainHour | null>()

  function plainHour(text: string): PlainHour | null {
    const key = hourKey(text)
    let hour = hours.get(key)
    if (hour === undefined) {
      if (hours.size >= CACHE_LIMIT) hours.clear()
      hour = measureHour(text.slice(0, 13))
      hours.set(key, hour)
    }
    return hour
  }

  function measureHour(prefix: string): PlainHour | null {
    const first = probe.convert(`${prefix}:00:00`)
    const last = probe.convert(`${prefix}:59:59`)
    if (!first.success || !last.success || first.dst !== undefined || last.dst !== undefined) {
      return null
    }
    if (last.instant.epochMs - first.instant.epochMs !== HOUR_MS - 1000) return null
    const formatted = formatInstant(first.instant)
    const wholeHour = formatted.slice(14, 19) === '00:00'
    return {
      baseMs: first.instant.epochMs,
      utcPrefix: wholeHour ? formatted.slice(0, 13) : undefined,
    }
  }

  function read(text: string, inferred?: InferredSide): SmailyTimeResult {
    if (!hasShape(text)) return malformed(text)
    const offset = millisIntoHour(text)
    const hour = offset < 0 ? null : plainHour(text)
    if (hour === null) return readSlow(text, inferred)
    const epochMs = hour.baseMs + offset
    const occurredAt =
      hour.utcPrefix === undefined
        ? formatInstant({ epochMs, nanos: 0 })
        : hour.utcPrefix + text.slice(13) + FRACTION
    return { success: true, occurredAt, epochMs }
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
    if (!hasShape(text)) return undefined
    const offset = millisIntoHour(text)
    const hour = offset < 0 ? null : plainHour(text)
    if (hour !== null) return hour.baseMs + offset
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
