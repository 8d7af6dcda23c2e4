import { eventId } from '../helpers/event-id.js'
import { formatInstant, parseRfc3339 } from '../helpers/instant.js'
import { readInput } from '../helpers/read-input.js'
import { createVocabularyIndex } from '../helpers/vocabulary-index.js'
import type { Adapter, ParseResult, RecordResult, Vocabulary } from '../model/adapter.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import { VendorErrorEnvelopeError } from '../model/errors.js'
import { CANONICAL_SCHEMA_VERSION } from '../model/taxonomy.js'

/**
 * A tiny adapter for a made-up feed, used by core's own tests: records are
 * `{ id?, verb, at, email?, url? }`, documents are a bare array or `{ items: [...] }`, and
 * `{ failure: "text" }` is the vendor's error envelope.
 */
export const EXAMPLE_VOCABULARY: Vocabulary = [
  { verb: 'sent', type: 'message.sent', channel: 'email', description: 'message sent' },
  { verb: 'opened', type: 'message.opened', channel: 'email', description: 'message opened' },
  {
    verb: 'clicked',
    type: 'message.clicked',
    channel: 'email',
    description: 'link clicked',
  },
  {
    verb: 'bounced',
    type: 'message.bounced',
    channel: 'email',
    details: { class: 'hard' },
    description: 'hard bounce',
  },
]

const FEED = 'example.log'
const lookup = createVocabularyIndex(EXAMPLE_VOCABULARY)

function parse(input: unknown, options: { format?: 'json' | 'ndjson' } = {}): ParseResult {
  const read = readInput(input, { feed: FEED, formats: ['json', 'ndjson'], ...options })
  if (!read.success) return read
  if (read.format === 'ndjson') {
    return { success: true, format: 'ndjson', records: read.records, locate: (i) => `line ${read.lines[i]}` }
  }
  const value = 'value' in read ? read.value : read.text
  if (Array.isArray(value)) return { success: true, format: read.format, records: value, locate: (i) => `$[${i}]` }
  if (typeof value === 'object' && value !== null && 'failure' in value) {
    const envelope = value as { failure: unknown }
    return {
      success: false,
      error: new VendorErrorEnvelopeError({
        feed: FEED,
        code: 'failure',
        vendorMessage: String(envelope.failure),
        envelope: value,
      }),
    }
  }
  if (typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items)) {
    const items = (value as { items: unknown[] }).items
    return { success: true, format: read.format, records: items, locate: (i) => `$.items[${i}]` }
  }
  return { success: true, format: read.format, records: [value], locate: () => '$' }
}

function normalizeRecord(record: unknown): RecordResult {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { success: false, reason: 'not_an_object', message: 'the record is not an object' }
  }
  const { id, verb, at, email, url } = record as Record<string, unknown>
  if (typeof verb !== 'string') {
    return { success: false, reason: 'missing_field', message: 'verb is missing or not a string', path: ['verb'] }
  }
  if (typeof at !== 'string') {
    return { success: false, reason: 'missing_field', message: 'at is missing or not a string', path: ['at'] }
  }
  const time = parseRfc3339(at)
  if (!time.success) return { success: false, reason: 'invalid_time', message: time.message, path: ['at'] }
  const entry = lookup(verb)
  const occurredAt = formatInstant(time.instant)
  const hasId = typeof id === 'string' && id !== ''
  const base = {
    schema: CANONICAL_SCHEMA_VERSION,
    id: hasId ? eventId(FEED, [id]) : eventId(FEED, [verb, occurredAt, typeof email === 'string' ? email : null]),
    channel: entry?.channel ?? 'other',
    occurredAt,
    count: 1,
    source: {
      vendor: 'example',
      feed: FEED,
      verb,
      ...(hasId ? { recordId: id } : {}),
      idBasis: hasId ? 'vendor' : 'content',
      time: { raw: at },
    },
    ...(typeof email === 'string' ? { recipient: { email } } : {}),
  } as const
  let event: CanonicalEvent
  if (entry === undefined) event = { ...base, type: 'unknown' }
  else if (entry.type === 'message.bounced') event = { ...base, type: 'message.bounced', details: { class: 'hard' } }
  else if (entry.type === 'message.clicked') {
    event = { ...base, type: 'message.clicked', ...(typeof url === 'string' ? { details: { url } } : {}) }
  } else event = { ...base, type: entry.type } as CanonicalEvent
  return { success: true, events: [event] }
}

/** Builds the example adapter; `identicalRecords` is configurable for the occurrence tests. */
export function createExampleAdapter(
  options: { identicalRecords?: 'distinct' | 'same' } = {},
): Adapter {
  return {
    specificationVersion: 'v1',
    feed: FEED,
    vendor: 'example',
    vocabulary: EXAMPLE_VOCABULARY,
    formats: ['json', 'ndjson'],
    jsonRecordPaths: [[], ['items']],
    identicalRecords: options.identicalRecords ?? 'distinct',
    parse,
    normalize: normalizeRecord,
  }
}
