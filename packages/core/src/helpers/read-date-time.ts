import { DAY_MS, daysFromCivil, daysInMonth, HOUR_MS, pad2, pad4 } from './calendar.js'

/** What {@link readDateTime} found; one object is reused across calls so the hot path allocates nothing. */
export interface DateTimeFields {
  /** The calendar date and time read as if it were UTC, in epoch milliseconds (fraction cut to ms). */
  wallMs: number
  /** Nanoseconds inside the millisecond, from fraction digits 4-9 (0..999_999). */
  nanos: number
  /** How many fraction digits the text had (0-9). */
  fractionDigits: number
  /** Index just past the last character read. */
  end: number
}

/** A fresh {@link DateTimeFields} to pass to {@link readDateTime}. */
export function createDateTimeFields(): DateTimeFields {
  return { wallMs: 0, nanos: 0, fractionDigits: 0, end: 0 }
}

const DASH = 45
const COLON = 58
const DOT = 46
const SPACE = 32
const UPPER_T = 84
const LOWER_T = 116
const MAX_FRACTION_DIGITS = 9
const FRACTION_SCALE = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - 48
  return digit >= 0 && digit <= 9 ? digit : -1
}

/** Two digits at index as a number, or -1. */
export function twoDigitsAt(text: string, index: number): number {
  const tens = digitAt(text, index)
  const ones = digitAt(text, index + 1)
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones
}

function fourDigitsAt(text: string, index: number): number {
  const high = twoDigitsAt(text, index)
  const low = twoDigitsAt(text, index + 2)
  return high < 0 || low < 0 ? -1 : high * 100 + low
}

/** A message saying what was expected at index, or that the text ended there. */
export function expectedAt(text: string, index: number, what: string): string {
  return index >= text.length
    ? `text ends at position ${index}, expected ${what}`
    : `expected ${what} at position ${index}`
}

/**
 * Reads `YYYY-MM-DD?HH:MM:SS[.f{1,9}]` at the start of text, where `?` is `T`, a space, or
 * (with lowercaseT) `t`, and checks every field's range. Returns a message saying what is
 * wrong, or undefined after filling fields. Stops after the seconds or fraction; the caller
 * checks what follows. Never throws.
 */
export function readDateTime(
  text: string,
  lowercaseT: boolean,
  fields: DateTimeFields,
): string | undefined {
  if (text.length === 0) return 'empty text, expected a date-time YYYY-MM-DD HH:MM:SS'
  const year = fourDigitsAt(text, 0)
  if (year < 0) return expectedAt(text, 0, 'a four-digit year')
  if (text.charCodeAt(4) !== DASH) return expectedAt(text, 4, "'-' after the year")
  const month = twoDigitsAt(text, 5)
  if (month < 0) return expectedAt(text, 5, 'a two-digit month')
  if (month < 1 || month > 12) return `month ${pad2(month)} is out of range 01-12`
  if (text.charCodeAt(7) !== DASH) return expectedAt(text, 7, "'-' after the month")
  const day = twoDigitsAt(text, 8)
  if (day < 0) return expectedAt(text, 8, 'a two-digit day')
  if (day < 1 || day > daysInMonth(year, month)) {
    return `day ${pad2(day)} does not exist in ${pad4(year)}-${pad2(month)}`
  }
  const separator = text.charCodeAt(10)
  if (separator !== UPPER_T && separator !== SPACE && !(lowercaseT && separator === LOWER_T)) {
    return expectedAt(
      text,
      10,
      lowercaseT ? "'T', 't' or ' ' after the date" : "'T' or ' ' after the date",
    )
  }
  const hour = twoDigitsAt(text, 11)
  if (hour < 0) return expectedAt(text, 11, 'a two-digit hour')
  if (hour > 23) return `hour ${hour} is out of range 00-23`
  if (text.charCodeAt(13) !== COLON) return expectedAt(text, 13, "':' after the hour")
  const minute = twoDigitsAt(text, 14)
  if (minute < 0) return expectedAt(text, 14, 'two-digit minutes')
  if (minute > 59) return `minute ${minute} is out of range 00-59`
  if (text.charCodeAt(16) !== COLON) return expectedAt(text, 16, "':' after the minutes")
  const second = twoDigitsAt(text, 17)
  if (second < 0) return expectedAt(text, 17, 'two-digit seconds')
  if (second === 60) return 'second 60 is a leap second, which cannot be represented'
  if (second > 59) return `second ${second} is out of range 00-59`
  let millisecond = 0
  let nanos = 0
  let digits = 0
  let index = 19
  if (text.charCodeAt(19) === DOT) {
    index = 20
    for (let digit = digitAt(text, index); digit >= 0; digit = digitAt(text, ++index)) {
      if (digits < 3) millisecond = millisecond * 10 + digit
      else if (digits < MAX_FRACTION_DIGITS) nanos = nanos * 10 + digit
      digits++
    }
    if (digits === 0) return expectedAt(text, 20, "a digit after '.'")
    if (digits > MAX_FRACTION_DIGITS) {
      return `fraction has ${digits} digits, at most ${MAX_FRACTION_DIGITS} (nanoseconds) are supported`
    }
    if (digits < 3) millisecond *= FRACTION_SCALE[3 - digits] as number
    else nanos *= FRACTION_SCALE[MAX_FRACTION_DIGITS - digits] as number
  }
  fields.wallMs =
    daysFromCivil(year, month, day) * DAY_MS +
    hour * HOUR_MS +
    minute * 60_000 +
    second * 1000 +
    millisecond
  fields.nanos = nanos
  fields.fractionDigits = digits
  fields.end = index
  return undefined
}
