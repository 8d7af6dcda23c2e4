import { fc, test } from '@fast-check/vitest'
import { DateTime, IANAZone } from 'luxon'
import { describe, expect } from 'vitest'
import type { Instant } from './instant.js'
import {
  createLocalTimeConverter,
  DEFAULT_LOCAL_TIME_POLICY,
  type LocalTimeResult,
} from './local-time.js'

const TALLINN = 'Europe/Tallinn'
const FROM_1990 = Date.UTC(1990, 0, 1)
const TO_2040 = Date.UTC(2041, 0, 1) - 1
const LUXON_FORMAT = 'yyyy-MM-dd HH:mm:ss'

function at(iso: string, nanos = 0): Instant {
  return { epochMs: Date.parse(iso), nanos }
}

function wallText(zone: string, epochMs: number): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat(LUXON_FORMAT)
}

function utcWallText(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 19).replace('T', ' ')
}

function luxonUtcMs(text: string, zone: string): number {
  return DateTime.fromFormat(text, LUXON_FORMAT, { zone }).toUTC().toMillis()
}

/** Instants where the zone's offset changes, found by daily sampling and bisection. */
function transitions(zone: string, from: number, to: number): number[] {
  const rules = IANAZone.create(zone)
  const found: number[] = []
  for (let day = from; day < to; day += 86_400_000) {
    if (rules.offset(day) === rules.offset(day + 86_400_000)) continue
    let low = day
    let high = day + 86_400_000
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      if (rules.offset(middle) === rules.offset(low)) low = middle
      else high = middle
    }
    found.push(high)
  }
  return found
}

function near(points: readonly number[], spanMs: number): fc.Arbitrary<number> {
  return fc
    .tuple(fc.constantFrom(...points), fc.integer({ min: -spanMs, max: spanMs }))
    .map(([point, delta]) => point + delta)
}

function repeated(earlier: string, later: string, resolution: 'earlier' | 'later' = 'earlier') {
  const candidates = [at(earlier), at(later)] as const
  return {
    success: true,
    instant: resolution === 'earlier' ? candidates[0] : candidates[1],
    dst: 'repeated',
    resolution,
    candidates,
  }
}

function skipped(iso: string) {
  return { success: true, instant: at(iso), dst: 'skipped', resolution: 'shifted_forward' }
}

function single(iso: string) {
  return { success: true, instant: at(iso) }
}

describe('createLocalTimeConverter', () => {
  test('fills the default policy and keeps the zone name', () => {
    const converter = createLocalTimeConverter(TALLINN)
    expect(converter.zone).toBe(TALLINN)
    expect(converter.policy).toEqual({ ambiguous: 'earlier', nonexistent: 'shift_forward' })
    expect(DEFAULT_LOCAL_TIME_POLICY).toEqual(converter.policy)
    expect(createLocalTimeConverter(TALLINN, { ambiguous: 'later' }).policy).toEqual({
      ambiguous: 'later',
      nonexistent: 'shift_forward',
    })
  })

  test('throws TypeError for an invalid zone or policy', () => {
    for (const zone of ['Mars/Olympus_Mons', 'Europe/Tallin', '', 'not a zone']) {
      expect(() => createLocalTimeConverter(zone)).toThrow(TypeError)
    }
    expect(() => createLocalTimeConverter(42 as unknown as string)).toThrow(TypeError)
    expect(() =>
      createLocalTimeConverter(TALLINN, { ambiguous: 'first' as unknown as 'earlier' }),
    ).toThrow(TypeError)
    expect(() =>
      createLocalTimeConverter(TALLINN, { nonexistent: 'later' as unknown as 'reject' }),
    ).toThrow(TypeError)
  })
})

describe('Europe/Tallinn', () => {
  const tallinn = createLocalTimeConverter(TALLINN)
  const tallinnTransitions = transitions(TALLINN, FROM_1990, TO_2040)
  const instants = fc.oneof(
    fc.integer({ min: FROM_1990, max: TO_2040 }),
    near(tallinnTransitions, 3 * 3_600_000),
  )

  test('finds two transitions a year, as the sampling for the properties assumes', () => {
    expect(tallinnTransitions.length).toBeGreaterThan(90)
    expect(tallinnTransitions).toContain(Date.UTC(2025, 2, 30, 1))
    expect(tallinnTransitions).toContain(Date.UTC(2025, 9, 26, 1))
  })

  test.prop([instants], { numRuns: 1000 })(
    'gives back any instant rendered to Tallinn wall time (a candidate in repeated hours)',
    (epochMs) => {
      const text = DateTime.fromMillis(epochMs, { zone: TALLINN }).toFormat(`${LUXON_FORMAT}.SSS`)
      const result = tallinn.convert(text)
      if (!result.success) throw new Error(result.message)
      const expected = { epochMs, nanos: 0 }
      expect(result.dst).not.toBe('skipped')
      if (result.dst === 'repeated') {
        expect(result.candidates).toContainEqual(expected)
        expect(result.instant).toEqual(result.candidates?.[0])
        expect(result.candidates?.map((candidate) => wallText(TALLINN, candidate.epochMs))).toEqual(
          [text.slice(0, 19), text.slice(0, 19)],
        )
      } else {
        expect(result).toEqual({ success: true, instant: expected })
      }
    },
  )

  const wallTimes = fc
    .oneof(
      fc.integer({ min: FROM_1990, max: TO_2040 }),
      near(tallinnTransitions, 4 * 3_600_000).map((epochMs) => epochMs + 3 * 3_600_000),
    )
    .map((wallMs) => utcWallText(Math.floor(wallMs / 1000) * 1000))

  test.prop([wallTimes], { numRuns: 1000 })(
    'agrees with luxon fromFormat outside repeated hours, and a cached converter with a fresh one',
    (text) => {
      const result = tallinn.convert(text)
      expect(createLocalTimeConverter(TALLINN).convert(text)).toEqual(result)
      if (!result.success) throw new Error(result.message)
      const luxon = luxonUtcMs(text, TALLINN)
      if (result.dst === 'repeated') {
        expect(result.candidates?.map((candidate) => candidate.epochMs)).toContain(luxon)
      } else {
        expect(result.instant.epochMs).toBe(luxon)
        expect(wallText(TALLINN, luxon) === text).toBe(result.dst === undefined)
      }
    },
  )

  test('flags exactly the repeated and skipped hours of 2025', () => {
    const flagged: string[] = []
    for (let hour = Date.UTC(2025, 0, 1); hour < Date.UTC(2026, 0, 1); hour += 3_600_000) {
      const text = utcWallText(hour + 30 * 60_000)
      const result = tallinn.convert(text)
      if (!result.success) throw new Error(result.message)
      if (result.dst !== undefined) flagged.push(`${text} ${result.dst}`)
    }
    expect(flagged).toEqual(['2025-03-30 03:30:00 skipped', '2025-10-26 03:30:00 repeated'])
  })

  test.each(['2024-10-27', '2025-10-26', '2026-10-25'])(
    'every minute of %s 03:00-03:59 is repeated: EEST (+03) first, then EET (+02)',
    (date) => {
      const [year, month, day] = date.split('-').map(Number) as [number, number, number]
      for (let minute = 0; minute < 60; minute++) {
        for (const second of [0, 59]) {
          const earlier = Date.UTC(year, month - 1, day, 0, minute, second)
          const clock = `03:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`
          const candidates = [
            { epochMs: earlier, nanos: 0 },
            { epochMs: earlier + 3_600_000, nanos: 0 },
          ]
          expect(tallinn.convert(`${date} ${clock}`)).toEqual({
            success: true,
            instant: candidates[0],
            dst: 'repeated',
            resolution: 'earlier',
            candidates,
          })
        }
      }
      expect(tallinn.convert(`${date} 02:59:59`)).toEqual(single(`${date}T02:59:59+03:00`))
      expect(tallinn.convert(`${date} 04:00:00`)).toEqual(single(`${date}T04:00:00+02:00`))
    },
  )

  test.each(['2024-03-31', '2025-03-30', '2026-03-29'])(
    'every minute of %s 03:00-03:59 is skipped and read with EET (+02)',
    (date) => {
      for (let minute = 0; minute < 60; minute++) {
        for (const second of [0, 59]) {
          const clock = `03:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`
          expect(tallinn.convert(`${date} ${clock}`)).toEqual(skipped(`${date}T${clock}+02:00`))
        }
      }
      expect(tallinn.convert(`${date} 02:59:59`)).toEqual(single(`${date}T02:59:59+02:00`))
      expect(tallinn.convert(`${date} 04:00:00`)).toEqual(single(`${date}T04:00:00+03:00`))
    },
  )

  test('the documented examples', () => {
    expect(tallinn.convert('2025-10-26 03:30:00')).toEqual(
      repeated('2025-10-26T00:30:00Z', '2025-10-26T01:30:00Z'),
    )
    expect(
      createLocalTimeConverter(TALLINN, { ambiguous: 'later' }).convert('2025-10-26 03:30:00'),
    ).toEqual(repeated('2025-10-26T00:30:00Z', '2025-10-26T01:30:00Z', 'later'))
    expect(tallinn.convert('2025-03-30 03:30:00')).toEqual(skipped('2025-03-30T01:30:00Z'))
    expect(tallinn.convert('2021-05-17 14:05:11')).toEqual(single('2021-05-17T11:05:11Z'))
    expect(tallinn.convert('2021-05-17T14:05:11')).toEqual(single('2021-05-17T11:05:11Z'))
  })

  test('keeps every fraction digit', () => {
    expect(tallinn.convert('2025-01-01 12:00:00.123456789')).toEqual({
      success: true,
      instant: at('2025-01-01T10:00:00.123Z', 456_789),
    })
    expect(tallinn.convert('2025-10-26 03:30:00.5')).toMatchObject({
      instant: at('2025-10-26T00:30:00.500Z'),
      candidates: [at('2025-10-26T00:30:00.500Z'), at('2025-10-26T01:30:00.500Z')],
    })
  })

  test('reject policies turn DST cases into specific failures and leave other times alone', () => {
    const strict = createLocalTimeConverter(TALLINN, { ambiguous: 'reject', nonexistent: 'reject' })
    expect(strict.convert('2025-10-26 03:30:00')).toEqual({
      success: false,
      reason: 'ambiguous_time',
      message:
        '2025-10-26 03:30:00 occurs twice in Europe/Tallinn: the clocks were set back over it',
    })
    expect(strict.convert('2025-03-30 03:30:00')).toEqual({
      success: false,
      reason: 'nonexistent_time',
      message: '2025-03-30 03:30:00 does not exist in Europe/Tallinn: the clocks skipped it',
    })
    expect(strict.convert('2025-10-26 04:30:00')).toEqual(single('2025-10-26T02:30:00Z'))
    expect(strict.convert('2025-03-30 04:30:00')).toEqual(single('2025-03-30T01:30:00Z'))
    expect(
      createLocalTimeConverter(TALLINN, { nonexistent: 'reject' }).convert('2025-10-26 03:30:00'),
    ).toEqual(repeated('2025-10-26T00:30:00Z', '2025-10-26T01:30:00Z'))
    expect(
      createLocalTimeConverter(TALLINN, { ambiguous: 'reject' }).convert('2025-03-30 03:30:00'),
    ).toEqual(skipped('2025-03-30T01:30:00Z'))
  })

  test('says what is wrong with invalid text', () => {
    const cases: [string, string][] = [
      ['2025-02-29 00:00:00', 'day 29 does not exist in 2025-02'],
      ['2025-04-31 12:00:00', 'day 31 does not exist in 2025-04'],
      ['2025-01-01 24:00:00', 'hour 24 is out of range 00-23'],
      ['2025-01-01 23:60:00', 'minute 60 is out of range 00-59'],
      ['2025-01-01 23:59:60', 'second 60 is a leap second'],
      ['', 'empty text'],
      ['garbage', 'expected a four-digit year at position 0'],
      ['2025-1-01 00:00:00', 'expected a two-digit month at position 5'],
      ['2025-13-01 00:00:00', 'month 13 is out of range 01-12'],
      ['2025-01-01', "text ends at position 10, expected 'T' or ' ' after the date"],
      ['2025-01-01t00:00:00', "expected 'T' or ' ' after the date at position 10"],
      ['2025-01-01 00:00', "text ends at position 16, expected ':' after the minutes"],
      ['2025-01-01 00:00:00Z', 'unexpected text at position 19'],
      ['2025-01-01 00:00:00+02:00', 'unexpected text at position 19'],
      ['2025-01-01 00:00:00.', "text ends at position 20, expected a digit after '.'"],
      ['2025-01-01 00:00:00.x', "expected a digit after '.' at position 20"],
      ['2025-01-01 00:00:00.1234567890', 'fraction has 10 digits'],
      ['0000-01-01 00:00:00', 'falls outside years 0000-9999 in UTC'],
    ]
    for (const [text, message] of cases) {
      const result = tallinn.convert(text)
      expect(result).toMatchObject({ success: false, reason: 'invalid_time' })
      expect(result.success ? '' : result.message).toContain(message)
    }
    expect(tallinn.convert(undefined as unknown as string)).toEqual({
      success: false,
      reason: 'invalid_time',
      message: 'expected a string, got undefined',
    })
  })

  test.prop([fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789-:. T') }))])(
    'never throws on arbitrary text',
    (text) => {
      const result = tallinn.convert(text)
      if (!result.success) expect(result.message.length).toBeGreaterThan(0)
    },
  )
})

describe('other zones', () => {
  const cases: [zone: string, text: string, expected: unknown][] = [
    ['America/New_York', '2024-07-01 12:00:00', single('2024-07-01T16:00:00Z')],
    ['America/New_York', '2024-03-10 02:30:00', skipped('2024-03-10T07:30:00Z')],
    ['America/New_York', '2024-03-10 03:00:00', single('2024-03-10T07:00:00Z')],
    [
      'America/New_York',
      '2024-11-03 01:30:00',
      repeated('2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z'),
    ],
    ['America/New_York', '2024-11-03 02:00:00', single('2024-11-03T07:00:00Z')],
    ['Europe/Dublin', '2024-01-15 12:00:00', single('2024-01-15T12:00:00Z')],
    ['Europe/Dublin', '2024-07-15 12:00:00', single('2024-07-15T11:00:00Z')],
    ['Europe/Dublin', '2024-03-31 01:30:00', skipped('2024-03-31T01:30:00Z')],
    [
      'Europe/Dublin',
      '2024-10-27 01:30:00',
      repeated('2024-10-27T00:30:00Z', '2024-10-27T01:30:00Z'),
    ],
    ['Australia/Lord_Howe', '2024-04-07 01:15:00', single('2024-04-06T14:15:00Z')],
    ['Australia/Lord_Howe', '2024-04-07 01:29:59', single('2024-04-06T14:29:59Z')],
    [
      'Australia/Lord_Howe',
      '2024-04-07 01:30:00',
      repeated('2024-04-06T14:30:00Z', '2024-04-06T15:00:00Z'),
    ],
    [
      'Australia/Lord_Howe',
      '2024-04-07 01:45:00',
      repeated('2024-04-06T14:45:00Z', '2024-04-06T15:15:00Z'),
    ],
    ['Australia/Lord_Howe', '2024-04-07 02:00:00', single('2024-04-06T15:30:00Z')],
    ['Australia/Lord_Howe', '2024-10-06 01:59:59', single('2024-10-05T15:29:59Z')],
    ['Australia/Lord_Howe', '2024-10-06 02:15:00', skipped('2024-10-05T15:45:00Z')],
    ['Australia/Lord_Howe', '2024-10-06 02:29:59', skipped('2024-10-05T15:59:59Z')],
    ['Australia/Lord_Howe', '2024-10-06 02:30:00', single('2024-10-05T15:30:00Z')],
    ['Australia/Lord_Howe', '2024-10-06 02:45:00', single('2024-10-05T15:45:00Z')],
    ['Pacific/Apia', '2011-12-29 23:59:59', single('2011-12-30T09:59:59Z')],
    ['Pacific/Apia', '2011-12-30 00:00:00', skipped('2011-12-30T10:00:00Z')],
    ['Pacific/Apia', '2011-12-30 12:00:00', skipped('2011-12-30T22:00:00Z')],
    ['Pacific/Apia', '2011-12-30 23:59:59', skipped('2011-12-31T09:59:59Z')],
    ['Pacific/Apia', '2011-12-31 00:00:00', single('2011-12-30T10:00:00Z')],
    ['UTC', '2025-03-30 03:30:00', single('2025-03-30T03:30:00Z')],
    ['UTC', '0000-01-01 00:00:00', single('0000-01-01T00:00:00Z')],
    [
      'UTC',
      '9999-12-31 23:59:59.999999999',
      { success: true, instant: at('9999-12-31T23:59:59.999Z', 999_999) },
    ],
  ]

  test.each(cases)('%s %s', (zone, text, expected) => {
    expect(createLocalTimeConverter(zone).convert(text)).toEqual(expected)
  })

  test('the same hour may be mixed: Lord Howe minutes before and inside the shift, from one converter', () => {
    const lordHowe = createLocalTimeConverter('Australia/Lord_Howe')
    for (const [zone, text, expected] of cases) {
      if (zone === 'Australia/Lord_Howe') expect(lordHowe.convert(text)).toEqual(expected)
    }
  })

  test('Apia rejects its skipped day under a reject policy', () => {
    expect(
      createLocalTimeConverter('Pacific/Apia', { nonexistent: 'reject' }).convert(
        '2011-12-30 08:00:00',
      ),
    ).toMatchObject({ success: false, reason: 'nonexistent_time' })
  })

  test('an instant outside years 0000-9999 is an invalid time, not a throw', () => {
    expect(
      createLocalTimeConverter('America/New_York').convert('9999-12-31 23:00:00'),
    ).toMatchObject({
      success: false,
      reason: 'invalid_time',
    })
  })

  /**
   * luxon's fromFormat starts from the zone's offset today; when that is far from the offsets of
   * the time read (Apia: +13 now, -11/-10 in 2010), it can report a hole that is not there
   * ('2010-09-26 11:00:00' became 12:00 local), so Apia is only checked by rendering.
   */
  const zones: [zone: string, luxonAgrees: boolean][] = [
    ['America/New_York', true],
    ['Europe/Dublin', true],
    ['Australia/Lord_Howe', true],
    ['Pacific/Apia', false],
  ]
  for (const [zone, luxonAgrees] of zones) {
    const converter = createLocalTimeConverter(zone)
    const zoneTransitions = transitions(zone, Date.UTC(2005, 0, 1), Date.UTC(2030, 0, 1))
    const wallTimes = fc
      .oneof(
        fc.integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc
          .tuple(near(zoneTransitions, 26 * 3_600_000), fc.integer({ min: -14, max: 14 }))
          .map(([epochMs, hours]) => epochMs + hours * 3_600_000),
      )
      .map((wallMs) => utcWallText(Math.floor(wallMs / 1000) * 1000))

    test.prop([wallTimes], { numRuns: 300 })(
      `${zone}: every instant returned renders back to the text, except a skipped time shifted forward`,
      (text) => {
        const result = converter.convert(text)
        if (!result.success) throw new Error(result.message)
        const rendered = (instant: Instant) => wallText(zone, instant.epochMs)
        if (result.dst === 'repeated') {
          expect(result.candidates?.map(rendered)).toEqual([text, text])
          expect(result.candidates?.[0]?.epochMs).toBeLessThan(result.candidates?.[1]?.epochMs ?? 0)
        } else if (result.dst === 'skipped') {
          expect(rendered(result.instant) > text).toBe(true)
        } else {
          expect(rendered(result.instant)).toBe(text)
        }
        if (luxonAgrees && result.dst !== 'repeated') {
          expect(result.instant.epochMs).toBe(luxonUtcMs(text, zone))
        }
      },
    )
  }

  test.prop([
    fc.integer({
      min: Date.parse('0000-01-01T00:00:00Z'),
      max: Date.parse('9999-12-31T23:59:59Z'),
    }),
  ])('UTC: wall time is the instant', (epochMs) => {
    const text = new Date(epochMs).toISOString().slice(0, 23).replace('T', ' ')
    expect(createLocalTimeConverter('UTC').convert(text)).toEqual({
      success: true,
      instant: { epochMs, nanos: 0 },
    })
  })
})

describe('host time zone', () => {
  const texts = [
    '2025-10-26 03:30:00',
    '2025-03-30 03:30:00',
    '2021-05-17 14:05:11.25',
    '2024-02-29 23:59:59',
    '1995-09-24 03:30:00',
    '2040-12-31 23:59:59',
  ]
  const zones = [TALLINN, 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia']

  function convertAll(): LocalTimeResult[] {
    return zones.flatMap((zone) => {
      const converter = createLocalTimeConverter(zone)
      return texts.map((text) => converter.convert(text))
    })
  }

  test('does not change the results', () => {
    const original = process.env.TZ
    const probe = Date.UTC(2025, 0, 15)
    try {
      process.env.TZ = 'UTC'
      const reference = convertAll()
      for (const [zone, offset] of [
        ['Pacific/Chatham', -825],
        ['America/Sao_Paulo', 180],
      ] as const) {
        process.env.TZ = zone
        expect(new Date(probe).getTimezoneOffset()).toBe(offset)
        expect(convertAll()).toEqual(reference)
      }
    } finally {
      if (original === undefined) delete process.env.TZ
      else process.env.TZ = original
    }
  })
})
