import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { InstantSchema } from '../model/canonical-event-schema.js'
import { compareInstants, formatInstant, type Instant, parseRfc3339 } from './instant.js'

const FIRST_MS = Date.parse('0000-01-01T00:00:00.000Z')
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z')

const epochMs = fc.integer({ min: FIRST_MS, max: LAST_MS })
const nanos = fc.integer({ min: 0, max: 999_999 })
const instant = fc.record({ epochMs, nanos })
const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const size = Math.abs(minutes)
  return `${sign}${pad(Math.floor(size / 60), 2)}:${pad(size % 60, 2)}`
}

function truncate(value: Instant, digits: number): Instant {
  const scale = 10 ** (9 - digits)
  const subMs = ((value.epochMs % 1000) + 1000) % 1000
  const fraction = Math.floor((subMs * 1_000_000 + value.nanos) / scale) * scale
  return {
    epochMs: value.epochMs - subMs + Math.floor(fraction / 1_000_000),
    nanos: fraction % 1_000_000,
  }
}

function withDigits(formatted: string, digits: number): string {
  return `${formatted.slice(0, digits === 0 ? 19 : 20 + digits)}Z`
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, 0)
  return date.getUTCDate()
}

function rejection(text: string): string {
  const result = parseRfc3339(text)
  if (result.success) throw new Error(`expected ${text} to be rejected`)
  return result.message
}

describe('formatInstant', () => {
  test.prop([epochMs])('matches Date#toISOString at millisecond precision', (ms) => {
    expect(formatInstant({ epochMs: ms, nanos: 0 })).toBe(
      `${new Date(ms).toISOString().slice(0, 23)}000000Z`,
    )
  })

  test.prop([instant])('always writes nine fraction digits in the canonical form', (value) => {
    const text = formatInstant(value)
    expect(InstantSchema.safeParse(text).success).toBe(true)
    expect(Number(text.slice(20, 29))).toBe(
      (((value.epochMs % 1000) + 1000) % 1000) * 1_000_000 + value.nanos,
    )
  })

  test('writes known instants, including the year bounds and before 1970', () => {
    expect(formatInstant({ epochMs: 0, nanos: 1 })).toBe('1970-01-01T00:00:00.000000001Z')
    expect(formatInstant({ epochMs: -1, nanos: 999_999 })).toBe('1969-12-31T23:59:59.999999999Z')
    expect(formatInstant({ epochMs: FIRST_MS, nanos: 0 })).toBe('0000-01-01T00:00:00.000000000Z')
    expect(formatInstant({ epochMs: LAST_MS, nanos: 999_999 })).toBe(
      '9999-12-31T23:59:59.999999999Z',
    )
    expect(formatInstant({ epochMs: Date.UTC(2024, 1, 29, 12), nanos: 0 })).toBe(
      '2024-02-29T12:00:00.000000000Z',
    )
  })

  test('throws RangeError outside years 0000-9999 and for malformed fields', () => {
    for (const bad of [
      { epochMs: FIRST_MS - 1, nanos: 0 },
      { epochMs: LAST_MS + 1, nanos: 0 },
      { epochMs: 1.5, nanos: 0 },
      { epochMs: Number.NaN, nanos: 0 },
      { epochMs: Number.POSITIVE_INFINITY, nanos: 0 },
      { epochMs: 0, nanos: 1_000_000 },
      { epochMs: 0, nanos: -1 },
      { epochMs: 0, nanos: 0.5 },
    ]) {
      expect(() => formatInstant(bad)).toThrow(RangeError)
    }
  })
})

describe('compareInstants', () => {
  const near = instant.chain((a) =>
    fc.tuple(
      fc.constant(a),
      fc.record({
        epochMs: fc.integer({
          min: Math.max(FIRST_MS, a.epochMs - 1),
          max: Math.min(LAST_MS, a.epochMs + 1),
        }),
        nanos: fc.oneof(fc.constant(a.nanos), nanos),
      }),
    ),
  )

  test.prop([fc.oneof(fc.tuple(instant, instant), near)])(
    'orders like the formatted strings',
    ([a, b]) => {
      const left = formatInstant(a)
      const right = formatInstant(b)
      const byString = left < right ? -1 : left > right ? 1 : 0
      expect(Math.sign(compareInstants(a, b))).toBe(byString)
      expect(Math.sign(compareInstants(b, a))).toBe(0 - byString)
    },
  )
})

describe('parseRfc3339', () => {
  test('reads the hot-path examples exactly', () => {
    expect(parseRfc3339('2024-09-27T15:52:57.004Z')).toEqual({
      success: true,
      instant: { epochMs: Date.UTC(2024, 8, 27, 15, 52, 57, 4), nanos: 0 },
      fractionDigits: 3,
    })
    expect(parseRfc3339('2025-03-30T01:30:00.123456789Z')).toEqual({
      success: true,
      instant: { epochMs: Date.UTC(2025, 2, 30, 1, 30, 0, 123), nanos: 456_789 },
      fractionDigits: 9,
    })
    expect(parseRfc3339('2021-04-26T10:01:23.456+03:00')).toEqual({
      success: true,
      instant: { epochMs: Date.UTC(2021, 3, 26, 7, 1, 23, 456), nanos: 0 },
      fractionDigits: 3,
    })
  })

  test.prop([instant, fc.integer({ min: 0, max: 9 })])(
    'round-trips any instant written with 0-9 fraction digits',
    (value, digits) => {
      const expected = truncate(value, digits)
      const formatted = formatInstant(expected)
      expect(parseRfc3339(withDigits(formatted, digits))).toEqual({
        success: true,
        instant: expected,
        fractionDigits: digits,
      })
      const parsed = parseRfc3339(formatted)
      expect(parsed.success && formatInstant(parsed.instant)).toBe(formatted)
    },
  )

  test.prop([instant, offsetMinutes, fc.constantFrom('T', 't', ' '), fc.boolean()])(
    'reads local time plus offset back to the same instant',
    (value, offset, separator, lowercaseZ) => {
      const local = value.epochMs + offset * 60_000
      fc.pre(local >= FIRST_MS && local <= LAST_MS)
      const written = formatInstant({ epochMs: local, nanos: value.nanos })
      const zone = offset === 0 && lowercaseZ ? 'z' : offsetText(offset)
      const text = `${written.slice(0, 10)}${separator}${written.slice(11, 29)}${zone}`
      expect(parseRfc3339(text)).toEqual({ success: true, instant: value, fractionDigits: 9 })
    },
  )

  const millisecondText = fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      dayPick: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 3 }),
      zone: fc.oneof(fc.constant('Z'), offsetMinutes.map(offsetText)),
    })
    .map(({ year, month, dayPick, hour, minute, second, fraction, zone }) => {
      const day = Math.min(dayPick, daysInMonth(year, month))
      const clock = `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`
      return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${clock}${fraction ? `.${fraction}` : ''}${zone}`
    })

  test.prop([millisecondText], { numRuns: 500 })(
    'agrees with Date.parse on millisecond inputs',
    (text) => {
      const expected = Date.parse(text)
      expect(Number.isNaN(expected)).toBe(false)
      const result = parseRfc3339(text)
      if (expected < FIRST_MS || expected > LAST_MS) {
        expect(result).toEqual({
          success: false,
          message: 'the instant falls outside years 0000-9999 in UTC',
        })
      } else {
        expect(result.success && result.instant).toEqual({ epochMs: expected, nanos: 0 })
      }
    },
  )

  test('treats -00:00 and lowercase z as UTC', () => {
    const utc = { epochMs: Date.UTC(2025, 0, 1), nanos: 0 }
    for (const text of [
      '2025-01-01T00:00:00-00:00',
      '2025-01-01t00:00:00z',
      '2025-01-01 00:00:00+00:00',
    ]) {
      expect(parseRfc3339(text)).toEqual({ success: true, instant: utc, fractionDigits: 0 })
    }
  })

  test('accepts 29 February only in leap years', () => {
    expect(parseRfc3339('2024-02-29T00:00:00Z').success).toBe(true)
    expect(parseRfc3339('2000-02-29T00:00:00Z').success).toBe(true)
    expect(parseRfc3339('0000-02-29T00:00:00Z').success).toBe(true)
    expect(rejection('2100-02-29T00:00:00Z')).toBe('day 29 does not exist in 2100-02')
    expect(rejection('2025-02-29T00:00:00Z')).toBe('day 29 does not exist in 2025-02')
  })

  test('says what is wrong with invalid text', () => {
    const cases: [string, string][] = [
      ['', 'empty text'],
      ['garbage', 'expected a four-digit year at position 0'],
      ['2025-1-01T00:00:00Z', 'expected a two-digit month at position 5'],
      ['2025/01/01T00:00:00Z', "expected '-' after the year at position 4"],
      ['2025-13-01T00:00:00Z', 'month 13 is out of range 01-12'],
      ['2025-00-01T00:00:00Z', 'month 00 is out of range 01-12'],
      ['2025-04-31T00:00:00Z', 'day 31 does not exist in 2025-04'],
      ['2025-04-00T00:00:00Z', 'day 00 does not exist in 2025-04'],
      ['2025-04-01_00:00:00Z', "expected 'T', 't' or ' ' after the date at position 10"],
      ['2025-04-01', "text ends at position 10, expected 'T', 't' or ' ' after the date"],
      ['2025-04-01T24:00:00Z', 'hour 24 is out of range 00-23'],
      ['2025-04-01T23:60:00Z', 'minute 60 is out of range 00-59'],
      ['2016-12-31T23:59:60Z', 'second 60 is a leap second'],
      ['2025-04-01T23:59:61Z', 'second 61 is out of range 00-59'],
      ['2025-04-01T23:59Z', "expected ':' after the minutes at position 16"],
      ['2025-04-01T00:00:00.Z', "expected a digit after '.' at position 20"],
      ['2025-04-01T00:00:00.1234567890Z', 'fraction has 10 digits, at most 9'],
      ['2025-04-01T00:00:00', "text ends at position 19, expected 'Z' or an offset ±HH:MM"],
      ['2025-04-01T00:00:00.5', "text ends at position 21, expected 'Z' or an offset ±HH:MM"],
      ['2025-04-01T00:00:00+24:00', 'offset hour 24 is out of range 00-23'],
      ['2025-04-01T00:00:00+05:60', 'offset minute 60 is out of range 00-59'],
      ['2025-04-01T00:00:00+0500', "expected ':' in the offset at position 22"],
      ['2025-04-01T00:00:00+5:00', 'expected two-digit offset hours at position 20'],
      ['2025-04-01T00:00:00Zjunk', 'unexpected text after the offset at position 20'],
      ['2025-04-01T00:00:00+03:00 ', 'unexpected text after the offset at position 25'],
      ['0000-01-01T00:00:00+00:01', 'the instant falls outside years 0000-9999 in UTC'],
      ['9999-12-31T23:59:59-00:01', 'the instant falls outside years 0000-9999 in UTC'],
    ]
    for (const [text, message] of cases) expect(rejection(text)).toContain(message)
  })

  test('fails fast on huge input and non-strings without throwing', () => {
    expect(rejection(`2025-04-01T00:00:00.${'1'.repeat(100_000)}Z`)).toBe(
      'fraction has 100000 digits, at most 9 (nanoseconds) are supported',
    )
    expect(rejection('x'.repeat(1_000_000))).toContain('position 0')
    expect(parseRfc3339(42 as unknown as string)).toEqual({
      success: false,
      message: 'expected a string, got number',
    })
  })

  test.prop([fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789-:.TZ+ ') }))])(
    'never throws and every success formats back',
    (text) => {
      const result = parseRfc3339(text)
      if (result.success)
        expect(InstantSchema.safeParse(formatInstant(result.instant)).success).toBe(true)
      else expect(result.message.length).toBeGreaterThan(0)
    },
  )
})
