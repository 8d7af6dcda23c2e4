import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { spanningAdapter as spanning } from '../__fixtures__/spanning-adapter.js'
import type { RecordOutcome } from '../model/outcome.js'
import { normalize, normalizeRecords } from './normalize.js'
import { createNormalizeRun } from './normalize-run.js'
import { normalizeStream } from './normalize-stream.js'
import { EVIDENCE_SPAN_LIMIT } from './record-runner.js'

const record = fc.record({
  verb: fc.constantFrom('sent', 'opened'),
  at: fc.constantFrom('2025-01-01T00:00:00Z', 'not a time'),
  step: fc.constantFrom('alone', 'open', 'join'),
})

async function streamed(text: string, batchSize: number) {
  const outcomes: RecordOutcome[] = []
  const sizes: number[] = []
  for await (const item of normalizeStream(spanning, [text], { batchSize })) {
    if (!item.success) throw item.error
    outcomes.push(...item.outcomes)
    sizes.push(item.outcomes.length)
  }
  return { outcomes, sizes }
}

describe('evidence spans', () => {
  it('give a stream of any batch size the outcomes of normalize', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        async (records, batchSize) => {
          const text = JSON.stringify(records)
          const whole = normalize(spanning, text)
          expect(whole.success).toBe(true)
          if (!whole.success) return
          expect((await streamed(text, batchSize)).outcomes).toEqual(whole.outcomes)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('analyze the records of a span together, in input order', () => {
    const steps = ['alone', 'alone', 'open', 'join', 'open', 'alone', 'join', 'join']
    const batch = normalizeRecords(
      spanning,
      steps.map((step) => ({ verb: 'sent', at: '2025-01-01T00:00:00Z', step })),
    )
    expect(batch.events.map((event) => event.extra)).toEqual([
      { span: 0, at: 0 },
      { span: 0, at: 0 },
      { span: 2, at: 0 },
      { span: 2, at: 1 },
      { span: 1, at: 0 },
      { span: 0, at: 0 },
      { span: 2, at: 0 },
      { span: 2, at: 1 },
    ])
  })

  it('hold back an open span in a stream until a record closes it', async () => {
    const steps = ['alone', 'open', 'join', 'join', 'alone']
    const text = JSON.stringify(steps.map((step) => ({ verb: 'sent', at: 'x', step })))
    expect((await streamed(text, 2)).sizes).toEqual([1, 4])
  })

  it('are cut at EVIDENCE_SPAN_LIMIT records', () => {
    const records = Array.from({ length: EVIDENCE_SPAN_LIMIT + 1 }, () => ({
      verb: 'sent',
      at: '2025-01-01T00:00:00Z',
      step: 'join',
    }))
    const batch = normalizeRecords(spanning, records, { validate: false })
    expect(batch.events.at(-2)?.extra).toEqual({
      span: EVIDENCE_SPAN_LIMIT,
      at: EVIDENCE_SPAN_LIMIT - 1,
    })
    expect(batch.events.at(-1)?.extra).toEqual({ span: 1, at: 0 })
  })
})

describe('createNormalizeRun', () => {
  it('gives pages the outcomes of one input, with page locators', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (records, cuts) => {
          const points = [...new Set(cuts.map((cut) => cut % (records.length + 1)))].sort(
            (a, b) => a - b,
          )
          const pages = [...points, records.length].map((end, page) =>
            records.slice(page === 0 ? 0 : points[page - 1], end),
          )
          const run = createNormalizeRun(spanning)
          const outcomes: RecordOutcome[] = []
          for (const page of pages) {
            const result = run.push(JSON.stringify(page))
            expect(result.success).toBe(true)
            if (result.success) outcomes.push(...result.outcomes)
          }
          outcomes.push(...run.end().outcomes)
          expect(run.held).toEqual([])
          const whole = normalizeRecords(spanning, records)
          expect(outcomes.map(({ index, success }) => ({ index, success }))).toEqual(
            whole.outcomes.map(({ index, success }) => ({ index, success })),
          )
          expect(outcomes.flatMap((o) => (o.success ? o.events : []))).toEqual(whole.events)
          const locators = outcomes.flatMap((o) => (o.success ? [] : [o.rejection.locator]))
          for (const locator of locators) expect(locator).toMatch(/^page \d+ \$\[\d+\]$/)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('keeps an open span held across pages and reports a page that is not records', () => {
    const run = createNormalizeRun(spanning)
    const first = run.push(JSON.stringify([{ verb: 'sent', at: 'x', step: 'open' }]))
    expect(first.success && first.outcomes).toEqual([])
    expect(run.held).toHaveLength(1)
    expect(run.push('not json').success).toBe(false)
    expect(run.held).toHaveLength(1)
    const third = run.push(JSON.stringify([{ verb: 'sent', at: 'x', step: 'alone' }]))
    expect(third.success && third.rejections.map((r) => r.locator)).toEqual([
      'page 1 $[0]',
      'page 3 $[0]',
    ])
  })
})
