import {
  type CanonicalEvent,
  createNormalizeRun,
  normalize,
  normalizeStream,
  type Rejection,
} from '@evnorm/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSmailyLogAdapter, smailyLogAdapter } from './smaily-adapter.js'

/** 2025-10-26 01:00Z: Tallinn's clocks go back from 04:00 EEST to 03:00 EET. */
const FALL_BACK = Date.UTC(2025, 9, 26, 1)
const HOUR = 3_600_000

function tallinn(instant: number): string {
  const local = new Date(instant + (instant < FALL_BACK ? 3 : 2) * HOUR).toISOString()
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`
}

function row(seq: number, instant: number) {
  return { seq_id: seq, email: 'a@b.ee', time: tallinn(instant), action: 'send', value: '' }
}

/** One row every `step` seconds from `start`, each moved by its `jitter` (s), `seq_id` rising. */
function rows(count: number, start: number, step: number, jitter: readonly number[] = []) {
  return Array.from({ length: count }, (_, index) =>
    row(1000 + index, start + (index * step + (jitter[index] ?? 0)) * 1000),
  )
}

async function streamed(text: string, adapter = smailyLogAdapter, batchSize?: number) {
  const events: CanonicalEvent[] = []
  const rejections: Rejection[] = []
  const sizes: number[] = []
  const options = batchSize === undefined ? {} : { batchSize }
  for await (const item of normalizeStream(adapter, [text], options)) {
    if (!item.success) throw item.error
    events.push(...item.events)
    rejections.push(...item.rejections)
    sizes.push(item.outcomes.length)
  }
  return { events, rejections, sizes }
}

function same(
  actual: { events: readonly CanonicalEvent[]; rejections: readonly Rejection[] },
  expected: { events: readonly CanonicalEvent[]; rejections: readonly Rejection[] },
): void {
  expect(JSON.stringify(actual.events)).toBe(JSON.stringify(expected.events))
  expect(JSON.stringify(actual.rejections)).toBe(JSON.stringify(expected.rejections))
}

describe('repeated-hour evidence and batching', () => {
  it('gives the 25,000 rows of the autumn night the same events in every batch size (issue 21)', async () => {
    const text = JSON.stringify(rows(25_000, Date.UTC(2025, 9, 25, 17), 9))
    const whole = normalize(smailyLogAdapter, text)
    if (!whole.success) throw whole.error
    const repeated = whole.events.filter((event) => event.source.time.dst === 'repeated')
    expect(repeated).toHaveLength(800)
    expect(new Set(repeated.map((event) => event.source.time.resolution))).toEqual(
      new Set(['inferred_earlier', 'inferred_later']),
    )
    for (const batchSize of [1, 7, 1000])
      same(await streamed(text, smailyLogAdapter, batchSize), whole)
    const cli = await streamed(text)
    same(cli, whole)
    expect(cli.sizes.length).toBeGreaterThan(10)
    expect(Math.max(...cli.sizes)).toBeLessThan(8000)
  })

  it('gives a stream, the pages of a run and one input the same events wherever the night falls', async () => {
    const input = fc.record({
      start: fc.integer({ min: -30 * 3600, max: 6 * 3600 }),
      step: fc.constantFrom(60, 240, 600),
      count: fc.integer({ min: 1, max: 200 }),
      jitter: fc.array(fc.integer({ min: -900, max: 900 }), { maxLength: 200 }),
      junk: fc.array(fc.nat(), { maxLength: 3 }),
      reject: fc.boolean(),
      batchSize: fc.integer({ min: 1, max: 40 }),
      cuts: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    })
    await fc.assert(
      fc.asyncProperty(input, async (given) => {
        const adapter = given.reject
          ? createSmailyLogAdapter({ timePolicy: { ambiguous: 'reject' } })
          : smailyLogAdapter
        const start = FALL_BACK + given.start * 1000
        const list: unknown[] = rows(given.count, start, given.step, given.jitter)
        for (const at of given.junk)
          list.splice(at % (list.length + 1), 0, { seq_id: 1, time: 'x' })
        const whole = normalize(adapter, JSON.stringify(list))
        if (!whole.success) throw whole.error
        same(await streamed(JSON.stringify(list), adapter, given.batchSize), whole)
        const points = [...new Set(given.cuts.map((cut) => cut % (list.length + 1)))].sort(
          (a, b) => a - b,
        )
        const pages = [0, ...points].map((from, page) =>
          list.slice(from, points[page] ?? list.length),
        )
        const run = createNormalizeRun(adapter)
        const paged = { events: [] as CanonicalEvent[], rejections: [] as Rejection[] }
        for (const page of pages) {
          const result = run.push(JSON.stringify(page))
          if (!result.success) throw result.error
          paged.events.push(...result.events)
          paged.rejections.push(...result.rejections)
        }
        const rest = run.end()
        paged.events.push(...rest.events)
        paged.rejections.push(...rest.rejections)
        const onePage = normalize(adapter, pages.map((page) => JSON.stringify(page)).join('\n'))
        if (!onePage.success) throw onePage.error
        same(paged, onePage)
      }),
      { numRuns: 60 },
    )
  })

  it('settles the rows of an input that ends inside the night with the rows it has', () => {
    const reject = createSmailyLogAdapter({ timePolicy: { ambiguous: 'reject' } })
    const night = rows(80, FALL_BACK - 2 * HOUR, 120)
    const firstPass = night.slice(0, 45)
    const cut = normalize(reject, JSON.stringify(firstPass))
    if (!cut.success) throw cut.error
    expect(cut.rejections.map((rejection) => rejection.reason)).toEqual(
      Array(15).fill('ambiguous_time'),
    )
    const run = createNormalizeRun(reject)
    const page = run.push(JSON.stringify(firstPass))
    expect(page.success && page.outcomes).toEqual([])
    expect(run.held).toHaveLength(45)
    const next = run.push(JSON.stringify(night.slice(45)))
    if (!next.success) throw next.error
    expect(next.rejections).toEqual([])
    expect(
      [...next.events, ...run.end().events].filter((event) => event.source.time.dst).length,
    ).toBe(50)
  })
})
