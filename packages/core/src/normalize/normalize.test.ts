import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import type { Adapter } from '../model/adapter.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import { UnreadableInputError, VendorErrorEnvelopeError } from '../model/errors.js'
import { normalize, normalizeRecords } from './normalize.js'
import { normalizeStream } from './normalize-stream.js'
import { occurrenceId } from './occurrence-window.js'

const adapter = createExampleAdapter()

describe('normalize', () => {
  it('turns a document into events and rejections in input order, with counts', () => {
    const result = normalize(
      adapter,
      JSON.stringify({
        items: [
          { id: 'a', verb: 'sent', at: '2025-01-01T00:00:00Z' },
          { id: 'b', verb: 'sent', at: 'yesterday' },
          { id: 'c', verb: 'mystery', at: '2025-01-01T00:00:02.5Z' },
          7,
        ],
      }),
    )
    expect(result.success).toBe(true)
    if (!result.success) return
    expect(result.format).toBe('json')
    expect(result.counts).toEqual({
      records: 4,
      accepted: 2,
      rejected: 2,
      events: 2,
      byType: { 'message.sent': 1, unknown: 1 },
    })
    expect(result.outcomes.map((outcome) => outcome.success)).toEqual([true, false, true, false])
    expect(result.events.map((event) => event.source.recordId)).toEqual(['a', 'c'])
    expect(result.events[1]?.occurredAt).toBe('2025-01-01T00:00:02.500000000Z')
    expect(
      result.rejections.map(({ index, locator, reason, path, raw }) => ({
        index,
        locator,
        reason,
        path,
        raw,
      })),
    ).toEqual([
      {
        index: 1,
        locator: '$.items[1]',
        reason: 'invalid_time',
        path: ['at'],
        raw: { id: 'b', verb: 'sent', at: 'yesterday' },
      },
      { index: 3, locator: '$.items[3]', reason: 'not_an_object', path: [], raw: 7 },
    ])
  })

  it('returns a vendor error envelope as a typed error, not records', () => {
    const result = normalize(adapter, '{"failure":"token expired"}')
    expect(result.success).toBe(false)
    if (result.success) return
    expect(VendorErrorEnvelopeError.isInstance(result.error)).toBe(true)
    expect(result.error.message).toContain('token expired')
  })

  it('says where unreadable JSON breaks', () => {
    const result = normalize(adapter, '[\n  {"verb": "sent"}\n  {"at": 1}\n]')
    expect(result.success).toBe(false)
    if (result.success) return
    expect(UnreadableInputError.isInstance(result.error)).toBe(true)
    expect(result.error.message).toMatch(
      /^example\.log: cannot read the input as json at line 3, column 3/,
    )
  })

  it('rejects only the broken element of a record array, keeping its text and place', () => {
    const sent = '{"verb":"sent","at":"2025-01-01T00:00:00Z"}'
    for (const [text, locator] of [
      [`[${sent},{"b":tru},${sent}]`, '$[1]'],
      [`{"items":[${sent},{"b":tru},${sent}],"next":null}`, '$.items[1]'],
    ] as const) {
      const result = normalize(adapter, text)
      expect(result.success, text).toBe(true)
      if (!result.success) return
      expect(result.counts).toMatchObject({ records: 3, accepted: 2, rejected: 1, events: 2 })
      expect(result.rejections).toMatchObject([
        { index: 1, locator, reason: 'invalid_json', path: [], raw: '{"b":tru}' },
      ])
    }
  })

  it('reads every record array of an envelope that repeats its key, as the stream does', async () => {
    const sent = (id: string) => `{"id":"${id}","verb":"sent","at":"2025-01-01T00:00:00Z"}`
    for (const [text, ids] of [
      [`{"items":[${sent('a')},${sent('b')}],"next":null,"items":[]}`, ['a', 'b']],
      [`{"items":[${sent('a')}],"items":[${sent('b')},${sent('c')}]}`, ['a', 'b', 'c']],
    ] as const) {
      const batch = normalize(adapter, text)
      expect(batch.success, text).toBe(true)
      if (!batch.success) return
      expect(batch.events.map((event) => event.source.recordId)).toEqual(ids)
      const streamed = []
      for await (const item of normalizeStream(adapter, [text], { batchSize: 1 })) {
        if (item.success) streamed.push(...item.outcomes)
      }
      expect(streamed).toEqual(batch.outcomes)
    }
  })

  it('still reads the whole input as broken when the text around the arrays is', () => {
    const result = normalize(adapter, '{"items":[{"b":tru}],"next":nul}')
    expect(result.success).toBe(false)
    if (result.success) return
    expect(UnreadableInputError.isInstance(result.error)).toBe(true)
  })

  it('reports a vendor error envelope around a broken element as the vendor error', () => {
    const result = normalize(adapter, '{"failure":"quota","items":[{"b":tru}]}')
    expect(result.success).toBe(false)
    if (result.success) return
    expect(VendorErrorEnvelopeError.isInstance(result.error)).toBe(true)
  })

  it('rejects an NDJSON line that is not JSON and keeps its text', () => {
    const result = normalize(
      adapter,
      '{"verb":"sent","at":"2025-01-01T00:00:00Z"}\n{"verb":\n\n{"verb":"opened","at":"2025-01-01T00:00:00Z"}\n',
      { format: 'ndjson' },
    )
    expect(result.success).toBe(true)
    if (!result.success) return
    expect(result.counts.records).toBe(3)
    expect(result.rejections).toMatchObject([
      { reason: 'invalid_json', locator: 'line 2', raw: '{"verb":' },
    ])
  })

  it('attaches the raw record only when asked', () => {
    const record = { id: 'r', verb: 'opened', at: '2025-01-01T00:00:00Z' }
    expect(normalizeRecords(adapter, [record]).events[0]).not.toHaveProperty('raw')
    expect(normalizeRecords(adapter, [record], { includeRaw: true }).events[0]?.raw).toBe(record)
  })

  it('numbers identical content-keyed records as occurrences when the adapter says they are distinct', () => {
    const row = { verb: 'opened', at: '2025-01-01T00:00:00Z', email: 'a@b.example' }
    const events = normalizeRecords(adapter, [row, { ...row }, { ...row }]).events
    const first = events[0] as CanonicalEvent
    expect(events.map((event) => event.source.occurrence)).toEqual([undefined, 2, 3])
    expect(events[1]?.id).toBe(occurrenceId('example.log', first.id, 2))
    expect(new Set(events.map((event) => event.id)).size).toBe(3)
    expect(normalizeRecords(adapter, [row, row]).events.map((event) => event.id)).toEqual(
      events.slice(0, 2).map((event) => event.id),
    )
  })

  it('keeps one id for identical records when the adapter says they are the same occurrence', () => {
    const row = { verb: 'opened', at: '2025-01-01T00:00:00Z' }
    const events = normalizeRecords(createExampleAdapter({ identicalRecords: 'same' }), [
      row,
      row,
    ]).events
    expect(events[0]?.id).toBe(events[1]?.id)
  })

  it('never numbers vendor-keyed records: the same vendor record twice is one event', () => {
    const row = { id: 'x1', verb: 'opened', at: '2025-01-01T00:00:00Z' }
    const events = normalizeRecords(adapter, [row, row]).events
    expect(events[0]?.id).toBe(events[1]?.id)
    expect(events[1]?.source.occurrence).toBeUndefined()
  })

  it('turns adapter bugs into rejections, never exceptions', () => {
    const throwing: Adapter = {
      ...adapter,
      normalize: () => {
        throw new TypeError('boom')
      },
    }
    expect(normalizeRecords(throwing, [{}]).rejections[0]).toMatchObject({
      reason: 'adapter_error',
      message: 'the adapter threw on this record: TypeError: boom',
    })
    const invalid: Adapter = {
      ...adapter,
      normalize: (record, context) => {
        const result = adapter.normalize(record, context)
        return result.success
          ? { success: true, events: result.events.map((event) => ({ ...event, count: 0 })) }
          : result
      },
    }
    const record = { verb: 'sent', at: '2025-01-01T00:00:00Z' }
    expect(normalizeRecords(invalid, [record]).rejections[0]).toMatchObject({
      reason: 'invalid_event',
    })
    expect(normalizeRecords(invalid, [record]).rejections[0]?.message).toContain('count')
    expect(normalizeRecords(invalid, [record], { validate: false }).events).toHaveLength(1)
    const badParser: Adapter = {
      ...adapter,
      parse: () => {
        throw new Error('parser bug')
      },
    }
    const result = normalize(badParser, '[]')
    expect(result.success || UnreadableInputError.isInstance(result.error)).toBe(true)
    expect(result.success).toBe(false)
  })
})
