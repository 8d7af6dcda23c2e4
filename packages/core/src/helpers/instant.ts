import { DAY_MS, HOUR_MS, MAX_FOUR_DIGIT_YEAR_MS, MIN_FOUR_DIGIT_YEAR_MS } from './calendar.js'
import { createDateTimeFields, expectedAt, readDateTime, twoDigitsAt } from './read-date-time.js'

/** A UTC instant with nanosecond precision: epoch milliseconds plus the nanoseconds inside that millisecond (0..999_999). */
export interface Instant {
  /** Milliseconds since 1970-01-01T00:00:00Z (an integer). */
  readonly epochMs: number
  /** Nanoseconds inside that millisecond, 0..999_999. */
  readonly nanos: number
}

/** The outcome of {@link parseRfc3339}. */
export type Rfc3339Result =
  | {
      readonly success: true
      /** The instant, in UTC. */
      readonly instant: Instant
      /** How many fraction digits the text had (0-9). */
      readonly fractionDigits: number
    }
  | {
      readonly success: false
      /** What is wrong with the text. */
      readonly message: string
    }

/** The civil date of a day count from 1970-01-01 as the number YYYYMMDD (Hinnant's `civil_from_days`). */
function civilDate(days: number): number {
  const shifted = days + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return year * 10_000 + month * 100 + day
}

/** Character code of the decimal digit of `value` at `place` (1, 10, 100, …). */
function digit(value: number, place: number): number {
  return 48 + (Math.floor(value / place) % 10)
}

/** The last instant {@link formatInstant} formatted, and its text. */
let lastEpochMs = Number.NaN
let lastNanos = Number.NaN
let lastText = ''

/**
 * 'YYYY-MM-DDTHH:MM:SS.fffffffffZ' — always nine fraction digits, so string order is time order.
 * Years 0000-9999 only (programmer error otherwise: throw RangeError). The text is built as
 * one flat string: a concatenation would be a rope that every later regular expression or
 * hash must first copy flat (measured several times the cost of building it). The last text
 * is kept: an adapter formats an event's instant for its content key, then the event builder
 * formats it again for `occurredAt`.
 */
export function formatInstant(instant: Instant): string {
  const { epochMs, nanos } = instant
  if (epochMs === lastEpochMs && nanos === lastNanos) return lastText
  if (
    !Number.isInteger(epochMs) ||
    epochMs < MIN_FOUR_DIGIT_YEAR_MS ||
    epochMs > MAX_FOUR_DIGIT_YEAR_MS
  ) {
    throw new RangeError(
      `formatInstant: epochMs ${epochMs} is not an integer within years 0000-9999`,
    )
  }
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999) {
    throw new RangeError(`formatInstant: nanos ${nanos} is not an integer in 0..999999`)
  }
  const days = Math.floor(epochMs / DAY_MS)
  const msOfDay = epochMs - days * DAY_MS
  const date = civilDate(days)
  const time =
    Math.floor(msOfDay / HOUR_MS) * 10_000 +
    Math.floor((msOfDay % HOUR_MS) / 60_000) * 100 +
    Math.floor((msOfDay % 60_000) / 1000)
  const fraction = (msOfDay % 1000) * 1_000_000 + nanos
  // biome-ignore format: one line per part: date, time, fraction
  const text = String.fromCharCode(
    digit(date, 1e7), digit(date, 1e6), digit(date, 1e5), digit(date, 1e4), 0x2d, digit(date, 1e3), digit(date, 100), 0x2d, digit(date, 10), digit(date, 1), 0x54,
    digit(time, 1e5), digit(time, 1e4), 0x3a, digit(time, 1e3), digit(time, 100), 0x3a, digit(time, 10), digit(time, 1), 0x2e,
    digit(fraction, 1e8), digit(fraction, 1e7), digit(fraction, 1e6), digit(fraction, 1e5), digit(fraction, 1e4), digit(fraction, 1e3), digit(fraction, 100), digit(fraction, 10), digit(fraction, 1), 0x5a,
  )
  lastEpochMs = epochMs
  lastNanos = nanos
  lastText = text
  return text
}

/** Orders two instants (negative, 0, positive). */
export function compareInstants(a: Instant, b: Instant): number {
  return a.epochMs !== b.epochMs ? a.epochMs - b.epochMs : a.nanos - b.nanos
}

const fields = createDateTimeFields()
const UPPER_Z = 90
const LOWER_Z = 122
const PLUS = 43
const MINUS = 45
const COLON = 58

function failure(message: string): Rfc3339Result {
  return { success: false, message }
}

function offsetMinutes(text: string, index: number): number | string {
  const sign = text.charCodeAt(index)
  if (sign === UPPER_Z || sign === LOWER_Z)
    return index + 1 === text.length ? 0 : trailing(index + 1)
  if (sign !== PLUS && sign !== MINUS) return expectedAt(text, index, "'Z' or an offset ±HH:MM")
  const hours = twoDigitsAt(text, index + 1)
  if (hours < 0) return expectedAt(text, index + 1, 'two-digit offset hours')
  if (hours > 23) return `offset hour ${hours} is out of range 00-23`
  if (text.charCodeAt(index + 3) !== COLON) return expectedAt(text, index + 3, "':' in the offset")
  const minutes = twoDigitsAt(text, index + 4)
  if (minutes < 0) return expectedAt(text, index + 4, 'two-digit offset minutes')
  if (minutes > 59) return `offset minute ${minutes} is out of range 00-59`
  if (index + 6 !== text.length) return trailing(index + 6)
  const total = hours * 60 + minutes
  return sign === MINUS ? -total : total
}

function trailing(index: number): string {
  return `unexpected text after the offset at position ${index}`
}

/** Parses an RFC 3339 date-time keeping every fraction digit (up to 9). Never throws. */
export function parseRfc3339(text: string): Rfc3339Result {
  if (typeof text !== 'string') return failure(`expected a string, got ${typeof text}`)
  const message = readDateTime(text, true, fields)
  if (message !== undefined) return failure(message)
  const offset = offsetMinutes(text, fields.end)
  if (typeof offset === 'string') return failure(offset)
  const epochMs = fields.wallMs - offset * 60_000
  if (epochMs < MIN_FOUR_DIGIT_YEAR_MS || epochMs > MAX_FOUR_DIGIT_YEAR_MS) {
    return failure('the instant falls outside years 0000-9999 in UTC')
  }
  return {
    success: true,
    instant: { epochMs, nanos: fields.nanos },
    fractionDigits: fields.fractionDigits,
  }
}
