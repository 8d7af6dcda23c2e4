import { normalizeRecords } from '@evnorm/core'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { createSmailyLogAdapter } from './smaily-adapter.js'
import { localTimeArbitrary } from './smaily-arbitraries.test-helpers.js'
import { createSmailyClock } from './smaily-clock.js'

const ZONES = [
  'Europe/Tallinn',
  'Asia/Kolkata',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'UTC',
] as const

function luxonMillis(time: string, zone: string): number {
  return DateTime.fromFormat(time, 'yyyy-MM-dd HH:mm:ss', { zone }).toMillis()
}

function nineDigits(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')
}

describe('localTimeArbitrary', () => {
  it('draws real calendar days, the 29th to 31st and DST Sundays included', () => {
    const times = fc.sample(localTimeArbitrary, { numRuns: 3000, seed: 7 })
    for (const time of times) {
      const [year, month, day] = time.slice(0, 10).split('-').map(Number) as [
        number,
        number,
        number,
      ]
      expect(new Date(Date.UTC(year, month - 1, day)).getUTCDate(), time).toBe(day)
    }
    const days = new Set(times.map((time) => time.slice(8, 10)))
    expect(['29', '30', '31'].every((day) => days.has(day))).toBe(true)
    expect(times.some((time) => time.startsWith('2024-03-31'))).toBe(true)
    expect(times.some((time) => time.startsWith('2021-10-31'))).toBe(true)
  })
})

describe('time conversion', () => {
  it('agrees with luxon for every local time that is not flagged, in any zone', () => {
    const adapters = new Map(
      ZONES.map((zone) => [zone, createSmailyLogAdapter({ timeZone: zone })]),
    )
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(localTimeArbitrary, { minLength: 1, maxLength: 20 }),
        (zone, times) => {
          const rows = times.map((time) => ({ email: 'a@b.ee', time, action: 'send' }))
          const batch = normalizeRecords(
            adapters.get(zone) as ReturnType<typeof createSmailyLogAdapter>,
            rows,
          )
          expect(batch.counts.rejected).toBe(0)
          batch.events.forEach((event, index) => {
            const time = times[index] as string
            if (event.source.time.dst !== undefined) return
            const expected = luxonMillis(time, zone)
            expect(event.occurredAt, `${time} in ${zone}`).toBe(nineDigits(expected))
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('flags every Tallinn local time luxon reads as the later of two instants, or shifts', () => {
    const clock = createSmailyClock('Europe/Tallinn')
    fc.assert(
      fc.property(localTimeArbitrary, (time) => {
        const result = clock.read(time)
        expect(result.success).toBe(true)
        if (!result.success) return
        const luxon = luxonMillis(time, 'Europe/Tallinn')
        if (result.dst === 'repeated') expect(result.epochMs).toBe(luxon - 3_600_000)
        else expect(result.epochMs).toBe(luxon)
      }),
      { numRuns: 1000 },
    )
  })

  it.each([
    ['2024-10-27 03:00:00', '2024-10-27T00:00:00.000000000Z', 'repeated', 'earlier'],
    ['2025-10-26 03:30:00', '2025-10-26T00:30:00.000000000Z', 'repeated', 'earlier'],
    ['2026-10-25 03:59:59', '2026-10-25T00:59:59.000000000Z', 'repeated', 'earlier'],
    ['2024-03-31 03:00:00', '2024-03-31T01:00:00.000000000Z', 'skipped', 'shifted_forward'],
    ['2025-03-30 03:30:00', '2025-03-30T01:30:00.000000000Z', 'skipped', 'shifted_forward'],
    ['2026-03-29 03:59:59', '2026-03-29T01:59:59.000000000Z', 'skipped', 'shifted_forward'],
  ])('flags the Tallinn DST hour: %s', (time, occurredAt, dst, resolution) => {
    expect(createSmailyClock('Europe/Tallinn').read(time)).toMatchObject({
      success: true,
      occurredAt,
      dst,
      resolution,
    })
  })

  it('settles a repeated time on the side the evidence shows, and ignores the evidence elsewhere', () => {
    const clock = createSmailyClock('Europe/Tallinn', { ambiguous: 'reject' })
    expect(clock.read('2025-10-26 03:30:00', 'later')).toEqual({
      success: true,
      occurredAt: '2025-10-26T01:30:00.000000000Z',
      epochMs: Date.UTC(2025, 9, 26, 1, 30),
      dst: 'repeated',
      resolution: 'inferred_later',
    })
    expect(clock.read('2025-10-26 03:30:00', 'earlier')).toMatchObject({
      occurredAt: '2025-10-26T00:30:00.000000000Z',
      resolution: 'inferred_earlier',
    })
    expect(clock.read('2025-10-26 05:30:00', 'later')).toEqual({
      success: true,
      occurredAt: '2025-10-26T03:30:00.000000000Z',
      epochMs: Date.UTC(2025, 9, 26, 3, 30),
    })
  })

  it('places times for the evidence: one instant, both instants of a repeated time, or none', () => {
    const clock = createSmailyClock('Europe/Tallinn')
    expect(clock.place('2025-10-26 04:00:00')).toBe(Date.UTC(2025, 9, 26, 2))
    expect(clock.place('2025-10-26 03:10:00')).toEqual([
      Date.UTC(2025, 9, 26, 0, 10),
      Date.UTC(2025, 9, 26, 1, 10),
    ])
    expect(clock.place('2025-03-30 03:10:00')).toBeUndefined()
    expect(clock.place('2025-02-30 03:10:00')).toBeUndefined()
    expect(clock.place('2025-10-26T04:00:00')).toBeUndefined()
  })

  it('is exact to the second across whole and half-hour offsets', () => {
    expect(createSmailyClock('Asia/Kolkata').read('2021-05-17 14:05:11')).toMatchObject({
      occurredAt: '2021-05-17T08:35:11.000000000Z',
    })
    expect(createSmailyClock('America/St_Johns').read('2021-05-17 14:05:11')).toMatchObject({
      occurredAt: '2021-05-17T16:35:11.000000000Z',
    })
    expect(createSmailyClock('Europe/Tallinn').read('2021-12-31 23:59:59')).toMatchObject({
      occurredAt: '2021-12-31T21:59:59.000000000Z',
    })
  })
})
