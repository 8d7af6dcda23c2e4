/** Milliseconds in a day. */
export const DAY_MS = 86_400_000

/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000

/** Epoch milliseconds of 0000-01-01T00:00:00.000Z, the first instant with a four-digit year. */
export const MIN_FOUR_DIGIT_YEAR_MS = -62_167_219_200_000

/** Epoch milliseconds of 9999-12-31T23:59:59.999Z, the last instant with a four-digit year. */
export const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999

/** True for a leap year of the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

/** Number of days in a month (1-12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (month 1-12), for any integer year
 * (H. Hinnant's `days_from_civil`; unlike `Date.UTC`, years 0-99 are not moved to the 1900s).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** Zero-padded two-digit rendering of 0..99. */
export function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`
}

/** Zero-padded four-digit rendering of 0..9999. */
export function pad4(value: number): string {
  return String(10_000 + value).slice(1)
}
