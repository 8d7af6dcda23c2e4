import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import { MAX_NESTING_DEPTH } from '../helpers/nesting-depth.js'
import type { Adapter, RecordResult } from '../model/adapter.js'
import { normalize, normalizeRecords } from './normalize.js'

const adapter = createExampleAdapter()
const row = { verb: 'sent', at: '2025-01-01T00:00:00Z' }

function returning(make: (good: RecordResult) => unknown): Adapter {
  return {
    ...adapter,
    normalize: (record, context) => make(adapter.normalize(record, context)) as RecordResult,
  }
}

function deepArray(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`)
}

describe('RecordRunner and malformed adapter results', () => {
  const firstEvent = (good: RecordResult) => (good.success ? good.events[0] : undefined)
  const cases: [string, (good: RecordResult) => unknown, RegExp][] = [
    ['undefined', () => undefined, /returned undefined instead of a result/],
    ['a success without events', () => ({ success: true }), /success without events/],
    ['an empty event list', () => ({ success: true, events: [] }), /success without events/],
    ['a null event', () => ({ success: true, events: [null] }), /the event null/],
    ['neither success nor rejection', () => ({ events: [] }), /neither a success nor a rejection/],
    [
      'an unknown rejection reason',
      () => ({ success: false, reason: 'bad_vibes', message: 'no' }),
      /unknown rejection reason "bad_vibes"/,
    ],
    [
      'a frozen event it must finish',
      (good) => ({ success: true, events: [Object.freeze({ ...firstEvent(good) })] }),
      /cannot be finished: TypeError/,
    ],
  ]

  for (const [name, make, message] of cases) {
    it(`turns ${name} into an adapter_error rejection with the raw record`, () => {
      const batch = normalizeRecords(returning(make), [row, row], { includeRaw: true })
      expect(batch.counts).toMatchObject({ records: 2, accepted: 0, rejected: 2, events: 0 })
      expect(batch.rejections[0]).toMatchObject({ reason: 'adapter_error', raw: row, path: [] })
      expect(batch.rejections[0]?.message).toMatch(message)
    })
  }

  it('accepts a frozen event when it has nothing to finish', () => {
    const frozen = returning((good) =>
      good.success ? { success: true, events: good.events.map((e) => Object.freeze(e)) } : good,
    )
    expect(normalizeRecords(frozen, [row]).counts.events).toBe(1)
  })
})

describe('RecordRunner and values too deep to serialize', () => {
  it('rejects a record too deep to attach as raw, and keeps it without includeRaw', () => {
    const deep = { ...row, extra: deepArray(5000) }
    const batch = normalizeRecords(adapter, [deep, row], { includeRaw: true })
    expect(batch.counts).toMatchObject({ records: 2, accepted: 1, rejected: 1 })
    expect(batch.rejections[0]).toMatchObject({ reason: 'invalid_field', path: [], index: 0 })
    expect(batch.rejections[0]?.message).toContain(`${MAX_NESTING_DEPTH} levels`)
    expect(() => JSON.stringify(batch)).not.toThrow()
    expect(normalizeRecords(adapter, [deep]).counts.accepted).toBe(1)
  })

  it('replaces the raw record of a rejection by a marker when it is too deep, and says so', () => {
    const result = normalize(adapter, `[${'['.repeat(5000)}${']'.repeat(5000)}]`)
    expect(result.success).toBe(true)
    if (!result.success) return
    const rejection = result.rejections[0]
    expect(rejection).toMatchObject({ reason: 'not_an_object', locator: '$[0]' })
    expect(typeof rejection?.raw).toBe('string')
    expect(rejection?.message).toContain(`nested deeper than ${MAX_NESTING_DEPTH} levels`)
    expect(() => JSON.stringify(rejection)).not.toThrow()
  })

  it('keeps the raw record of a rejection at the depth limit', () => {
    const raw = deepArray(MAX_NESTING_DEPTH)
    expect(normalizeRecords(adapter, [raw]).rejections[0]?.raw).toBe(raw)
  })
})
