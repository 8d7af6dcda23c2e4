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

describe('RecordRunner and values JSON cannot write', () => {
  const copying: Adapter = {
    ...adapter,
    normalize: (record, context) => {
      const result = adapter.normalize(record, context)
      if (!result.success) return result
      const extra = { copied: (record as { extra?: unknown }).extra }
      return { success: true, events: result.events.map((event) => ({ ...event, extra })) }
    },
  }
  const throwing = () => {
    throw new Error('boom')
  }
  const hostile: [string, unknown][] = [
    [
      'a throwing getter',
      Object.defineProperty({ ...row }, 'verb', { get: throwing, enumerable: true }),
    ],
    [
      'a throwing getter inside',
      { ...row, extra: Object.defineProperty({}, 'x', { get: throwing, enumerable: true }) },
    ],
    [
      'a Proxy whose traps throw',
      new Proxy(
        { ...row },
        {
          get: throwing,
          ownKeys: throwing,
          getPrototypeOf: throwing,
          has: throwing,
          getOwnPropertyDescriptor: throwing,
        },
      ),
    ],
    [
      'a revoked Proxy',
      (() => {
        const { proxy, revoke } = Proxy.revocable({ ...row }, {})
        revoke()
        return proxy
      })(),
    ],
    ['a BigInt at the top', { ...row, seq: 5n }],
    ['a BigInt inside a copied field', { ...row, extra: { big: 2n ** 70n } }],
  ]

  for (const includeRaw of [false, true]) {
    it(`never throws and writes every outcome (includeRaw: ${includeRaw})`, () => {
      for (const [name, record] of hostile) {
        for (const run of [
          () => normalizeRecords(copying, [record, row], { includeRaw }),
          () => normalize(copying, [record, row], { includeRaw }),
        ]) {
          const batch = run()
          if (!('outcomes' in batch)) throw new Error(`${name}: not a batch`)
          expect(batch.counts.records, name).toBe(2)
          expect(() => JSON.stringify(batch), name).not.toThrow()
          for (const rejection of batch.rejections) {
            expect(['invalid_field', 'missing_field'], `${name}: ${rejection.message}`).toContain(
              rejection.reason,
            )
          }
        }
      }
    })
  }

  it('rejects an event holding a BigInt, naming it, and keeps the record as a marker', () => {
    const batch = normalizeRecords(copying, [{ ...row, extra: { big: 2n } }])
    expect(batch.rejections[0]).toMatchObject({ reason: 'invalid_field' })
    expect(batch.rejections[0]?.message).toMatch(
      /cannot be written as JSON: it holds a BigInt at "big"/,
    )
    expect(batch.rejections[0]?.raw).toMatch(/^raw record not kept: it holds a BigInt/)
  })

  it('attaches a BigInt the adapter only reads without includeRaw, and rejects it with includeRaw', () => {
    expect(normalizeRecords(adapter, [{ ...row, seq: 5n }]).counts.accepted).toBe(1)
    const raw = normalizeRecords(adapter, [{ ...row, seq: 5n }], { includeRaw: true })
    expect(raw.rejections[0]?.message).toMatch(
      /cannot be attached as raw: it holds a BigInt at "seq"/,
    )
  })
})

describe('adapter output', () => {
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) deepFreeze(item)
      Object.freeze(value)
    }
    return value
  }

  it('is never written to: occurrence ids and raw records go on new objects', () => {
    const frozen: Adapter = {
      ...adapter,
      normalize: (record, context) => deepFreeze(adapter.normalize(record, context)),
    }
    const result = normalizeRecords(frozen, [row, row], { includeRaw: true })
    expect(result.rejections).toEqual([])
    expect(result.events[1]?.source.occurrence).toBe(2)
    expect(result.events[1]?.raw).toBe(row)
  })
})
