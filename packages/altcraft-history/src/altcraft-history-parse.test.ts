import {
  normalize,
  normalizeStream,
  UnreadableInputError,
  VendorErrorEnvelopeError,
} from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { altcraftHistoryAdapter as adapter, createAltcraftHistoryAdapter } from './index.js'

const record = { action: 'open', datetime: '2024-09-27T15:52:57Z', xxh: '9202595093f237d4' }

function read(input: unknown, format?: 'json' | 'ndjson' | 'xml' | 'csv') {
  const result = normalize(adapter, input, format === undefined ? {} : { format })
  if (!result.success) throw result.error
  return result
}

function failure(input: unknown, format?: 'json' | 'ndjson' | 'xml' | 'csv') {
  const result = normalize(adapter, input, format === undefined ? {} : { format })
  if (result.success) throw new Error('expected the input to fail as a whole')
  return result.error
}

describe('JSON envelope and documents', () => {
  it('reads records from data of a success envelope, located as $.data[i]', () => {
    const result = read(
      JSON.stringify({
        data: [record, { action: 7 }],
        error: 0,
        error_text: 'Successful operation',
      }),
    )
    expect(result.format).toBe('json')
    expect(result.events).toHaveLength(1)
    expect(result.rejections[0]).toMatchObject({ locator: '$.data[1]', index: 1 })
  })

  it('turns an error envelope into a typed error carrying code and text', () => {
    for (const [error, code] of [
      [401, '401'],
      ['403', '403'],
      [400, '400'],
    ] as const) {
      const envelope = { error, error_text: 'API token required' }
      const found = failure(JSON.stringify(envelope))
      expect(VendorErrorEnvelopeError.isInstance(found)).toBe(true)
      expect(found).toMatchObject({
        code,
        vendorMessage: 'API token required',
        feed: 'altcraft.history',
        envelope,
      })
    }
    const noText = failure({ data: [record], error: 402 })
    expect(noText).toMatchObject({ code: '402', vendorMessage: '' })
  })

  it('treats error 0 (number or text) and a missing error as success', () => {
    for (const error of [0, '0', ' 0 ', null, undefined]) {
      expect(read({ data: [record], error, error_text: 'ok' }).events).toHaveLength(1)
    }
    expect(read({ data: [], error: 0 }).counts.records).toBe(0)
    expect(read({ data: null, error: 0 }).counts.records).toBe(0)
  })

  it('refuses an envelope whose data is not records', () => {
    const found = failure({ data: 'records', error: 0 })
    expect(UnreadableInputError.isInstance(found)).toBe(true)
    expect(found.message).toMatch(
      /data is a string \('records'\); expected an array of history records/,
    )
  })

  it('reads a bare array ($[i]), a single record ($) and already-parsed values', () => {
    expect(read(JSON.stringify([record, 5])).rejections[0]).toMatchObject({
      locator: '$[1]',
      reason: 'not_an_object',
    })
    const single = read({ ...record, action: true })
    expect(single.rejections[0]).toMatchObject({ locator: '$', reason: 'invalid_field' })
    expect(read([record]).format).toBe('value')
    expect(
      read(new TextEncoder().encode(JSON.stringify({ data: [record], error: 0 }))).events,
    ).toHaveLength(1)
  })

  it('refuses values that are no history document', () => {
    for (const value of [42, true, null])
      expect(UnreadableInputError.isInstance(failure(value))).toBe(true)
  })

  it('keeps integer ids above 2^53 exact from JSON text', () => {
    const text = `{"data":[{"action":"send","datetime":"2024-09-27T15:52:57Z","message_id":18446744073709551615,"campaign_id":9007199254740993}],"error":0}`
    const [event] = read(text).events
    expect(event?.message?.id).toBe('18446744073709551615')
    expect(event?.campaign?.id).toBe('9007199254740993')
  })
})

describe('NDJSON', () => {
  it('reads one record per line, located as line N', () => {
    const text = `${JSON.stringify(record)}\n${JSON.stringify({ ...record, action: 'send' })}\n{"action":\n`
    const result = read(text, 'ndjson')
    expect(result.events.map((event) => event.type)).toEqual(['message.opened', 'message.sent'])
    expect(result.rejections[0]).toMatchObject({ locator: 'line 3', reason: 'invalid_json' })
  })
})

describe('streaming', () => {
  it('streams the data array of an envelope with the same events as a whole read', async () => {
    const records = Array.from({ length: 25 }, (_, index) => ({ ...record, count: index + 1 }))
    const text = JSON.stringify({ data: records, error: 0, error_text: 'Successful operation' })
    const chunks = text.match(/.{1,37}/gs) ?? []
    const events = []
    for await (const item of normalizeStream(adapter, chunks, { batchSize: 4 })) {
      if (!item.success) throw item.error
      events.push(...item.events)
    }
    expect(events).toEqual(read(text).events)
  })
})

describe('options', () => {
  it('refuses options that are not booleans (programmer misuse)', () => {
    expect(() =>
      createAltcraftHistoryAdapter({ expandCount: 'yes' as unknown as boolean }),
    ).toThrow(TypeError)
    expect(() =>
      createAltcraftHistoryAdapter({ includeSubscriptions: 1 as unknown as boolean }),
    ).toThrow(/includeSubscriptions must be a boolean/)
  })

  it('declares the contract the streaming reader and core rely on', () => {
    expect(adapter).toMatchObject({
      feed: 'altcraft.history',
      vendor: 'altcraft',
      formats: ['json', 'ndjson', 'xml', 'csv'],
      jsonRecordPaths: [['data'], []],
      identicalRecords: 'distinct',
    })
  })
})
