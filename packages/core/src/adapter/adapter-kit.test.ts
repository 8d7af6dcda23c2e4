import { describe, expect, it } from 'vitest'
import { eventId } from '../helpers/event-id.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import type { EventType } from '../model/taxonomy.js'
import { findEventProblem } from '../model/validate-event.js'
import {
  collectExtra,
  createEventBuilder,
  createJsonRecordParser,
  createLocalTimeConverter,
  describeValue,
  invalidField,
  isMailProxyUserAgent,
  missingField,
  RecordRejectionError,
  readLocalTime,
  readRfc3339Time,
  readUnixMilliseconds,
  readUnixSeconds,
  typedDraft,
} from './index.js'

const builder = createEventBuilder('example.feed', 'example')

function timeOf(read: ReturnType<typeof readUnixSeconds>) {
  if (!read.success) throw new Error(read.message)
  return read.value
}

describe('createEventBuilder', () => {
  it('builds a valid event with envelope, vendor id and source provenance', () => {
    const event = builder.build({
      type: 'message.opened',
      channel: 'email',
      verb: 'open',
      time: timeOf(readUnixSeconds(1513299569, ['timestamp'])),
      key: { basis: 'vendor', recordId: 'ev-1' },
      details: { machine: true },
    })
    expect(findEventProblem(event)).toBeUndefined()
    expect(event).toMatchObject({
      schema: 'evnorm.event.v1',
      id: eventId('example.feed', ['ev-1']),
      occurredAt: '2017-12-15T00:59:29.000000000Z',
      count: 1,
      source: { recordId: 'ev-1', idBasis: 'vendor', time: { raw: '1513299569' } },
    })
  })

  it('derives a content id from the parts and keeps an untrusted vendor id beside it', () => {
    const event = builder.build({
      type: 'unknown',
      channel: 'other',
      vendorChannel: 'fax',
      verb: 'ping',
      time: timeOf(readUnixSeconds('1.5', ['t'])),
      key: { basis: 'content', parts: ['ping', undefined], recordId: 'r' },
    })
    expect(event.id).toBe(eventId('example.feed', ['ping', null]))
    expect(event.source).toMatchObject({ idBasis: 'content', recordId: 'r', channel: 'fax' })
    expect(event.occurredAt).toBe('1970-01-01T00:00:01.500000000Z')
    expect(Object.keys(event.source)).toEqual([
      'vendor',
      'feed',
      'verb',
      'recordId',
      'idBasis',
      'time',
      'channel',
    ])
  })
})

describe('typedDraft', () => {
  it('types a type and details held as data, for a union of events, leaving undefined fields out', () => {
    const build = (type: EventType, details: Record<string, unknown> | undefined): CanonicalEvent =>
      builder.build(
        typedDraft({
          type,
          details,
          channel: 'email',
          verb: 'x',
          time: timeOf(readUnixSeconds(1, ['t'])),
          key: { basis: 'content', parts: [type] },
          recipient: undefined,
          campaign: { id: '7' },
        }),
      )
    const bounced = build('message.bounced', { class: 'hard' })
    expect(findEventProblem(bounced)).toBeUndefined()
    expect(bounced.type === 'message.bounced' && bounced.details.class).toBe('hard')
    const sent = build('message.sent', undefined)
    expect(Object.keys(sent)).toEqual([
      'schema',
      'id',
      'type',
      'channel',
      'occurredAt',
      'count',
      'source',
      'campaign',
    ])
    expect(findEventProblem(build('message.dropped', undefined))).toBeDefined()
  })
})

describe('time readers', () => {
  it('reads Unix seconds and milliseconds, keeping fractions to the nanosecond', () => {
    expect(timeOf(readUnixSeconds('1700000000.123456789', ['t'])).instant).toEqual({
      epochMs: 1_700_000_000_123,
      nanos: 456_789,
    })
    expect(timeOf(readUnixMilliseconds(1_700_000_000_123.5, ['t'])).instant).toEqual({
      epochMs: 1_700_000_000_123,
      nanos: 500_000,
    })
  })

  it('rejects what is not a time, naming the field', () => {
    expect(readUnixSeconds(undefined, ['timestamp'])).toMatchObject({ reason: 'missing_field' })
    expect(readUnixSeconds('soon', ['timestamp'])).toEqual(
      invalidField(['timestamp'], 'soon', 'Unix seconds'),
    )
    expect(readUnixSeconds(-1, ['t'])).toMatchObject({ reason: 'invalid_field' })
    expect(readRfc3339Time('2025-02-30T00:00:00Z', ['at'])).toMatchObject({
      reason: 'invalid_time',
    })
  })

  it('reads RFC 3339 with nanoseconds and zone-less local times with their DST case', () => {
    expect(timeOf(readRfc3339Time('2025-03-30T01:30:00.123456789+02:00', ['at'])).instant).toEqual({
      epochMs: Date.UTC(2025, 2, 29, 23, 30, 0, 123),
      nanos: 456_789,
    })
    const tallinn = createLocalTimeConverter('Europe/Tallinn')
    expect(timeOf(readLocalTime('2025-10-26 03:30:00', ['time'], tallinn)).source).toEqual({
      raw: '2025-10-26 03:30:00',
      zone: 'Europe/Tallinn',
      dst: 'repeated',
      resolution: 'earlier',
    })
  })
})

describe('rejections and values', () => {
  it('describes values and paths the same way for every adapter', () => {
    expect(describeValue('x'.repeat(90))).toBe(`a string ('${'x'.repeat(80)}…')`)
    expect(describeValue('123456789012345678901')).toMatch(/integer beyond 2\^53/)
    expect(missingField(['data', 0, 'email'], 'an email address').message).toBe(
      'data[0].email is missing; expected an email address',
    )
  })
})

describe('RecordRejectionError', () => {
  it('carries a rejection out of deep readers as an Error, and gives it back unchanged', () => {
    const rejection = invalidField(['a', 0], 'x', 'a number')
    const error = new RecordRejectionError(rejection)
    expect(error).toBeInstanceOf(Error)
    expect(error.message).toBe("a[0] is a string ('x'); expected a number")
    expect(error.rejection).toEqual(rejection)
  })
})

describe('collectExtra', () => {
  it('keeps every field that is neither mapped nor dropped, __proto__ as a plain key', () => {
    const record = JSON.parse('{"a":1,"b":2,"__proto__":{"x":1},"c":3}') as Record<string, unknown>
    const extra = collectExtra(record, new Set(['a']), new Set(['c']))
    expect(extra.success && JSON.stringify(extra.value)).toBe('{"b":2,"__proto__":{"x":1}}')
  })
})

describe('createJsonRecordParser', () => {
  const parse = createJsonRecordParser({ feed: 'example.feed', recordPaths: [['data'], []] })

  it('reads arrays, envelopes and NDJSON, locating each record', () => {
    const array = parse('[{"a":1},{"a":2}]')
    expect(array.success && array.locate(1)).toBe('$[1]')
    const envelope = parse('{"data":[{"a":1}]}')
    expect(envelope.success && envelope.locate(0)).toBe('$.data[0]')
    const lines = parse('{"a":1}\n{"a":2}\n', { format: 'ndjson' })
    expect(lines.success && lines.locate(1)).toBe('line 2')
  })

  it('says what it expected of an unreadable document', () => {
    const result = parse('"text"', { format: 'json' })
    expect(!result.success && result.error.message).toMatch(/a string \('text'\)/)
  })
})

describe('isMailProxyUserAgent', () => {
  it('knows the Gmail and Yahoo image proxies and nothing else', () => {
    expect(isMailProxyUserAgent('Mozilla/5.0 (via ggpht.com GoogleImageProxy)')).toBe(true)
    expect(isMailProxyUserAgent('YahooMailProxy; https://help.yahoo.com')).toBe(true)
    expect(isMailProxyUserAgent('Mozilla/5.0 (iPhone)')).toBe(false)
    expect(isMailProxyUserAgent(undefined)).toBe(false)
  })
})
