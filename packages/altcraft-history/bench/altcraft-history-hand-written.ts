import { type Adapter, CANONICAL_SCHEMA_VERSION } from '@evnorm/core'
import { createVocabularyIndex, eventId } from '@evnorm/core/adapter'
import { ALTCRAFT_HISTORY_VOCABULARY, altcraftHistoryAdapter } from '../src/index.js'
import type { historyRecord } from './altcraft-history-records.js'

type BenchRecord = ReturnType<typeof historyRecord>

const lookup = createVocabularyIndex(ALTCRAFT_HISTORY_VOCABULARY)
const FEED = altcraftHistoryAdapter.feed

/**
 * The ceiling of the path every adapter shares: a hand-written mapping for exactly the
 * benchmark's record shape (no sentinels, no checks, no optional fields, a millisecond `Z`
 * time), run through the same `normalize` as the adapter: the lossless parse, the record
 * runner, UUID v5 ids and validation. It only shows what an adapter could reach at best; it
 * is not an adapter to use.
 */
export const handWrittenHistoryAdapter: Adapter = {
  ...altcraftHistoryAdapter,
  normalize(value) {
    const record = value as BenchRecord
    const entry = lookup(record.action)
    const time = record.datetime
    const subscription = record.subscription
    const event: Record<string, unknown> = {
      schema: CANONICAL_SCHEMA_VERSION,
      id: eventId(FEED, [record.event_id]),
      type: entry?.type ?? 'unknown',
      channel: 'email',
      // joined, not concatenated: one flat string, so the schema check need not flatten a rope
      occurredAt: [time.slice(0, 23), '000000Z'].join(''),
      count: record.count,
      source: {
        vendor: 'altcraft',
        feed: FEED,
        verb: record.action,
        recordId: record.event_id,
        idBasis: 'vendor',
        time: { raw: time },
      },
      recipient: {
        email: record.email,
        profileId: record.profile_id,
        listId: String(record.list_id),
        hashes: { xxh: record.xxh },
      },
      campaign: { id: String(record.campaign_id), name: record.campaign_name },
      message: { id: String(record.message_id), name: record.message_name, sendId: record.smid },
      subscription: {
        channel: 'email',
        resourceId: String(subscription.resource_id),
        resourceName: subscription.resource_name,
        status: subscription.status,
        priority: subscription.priority,
        categories: subscription.cats,
        email: subscription.email,
        customFields: subscription.custom_fields,
      },
    }
    if (entry?.details !== undefined) event.details = { ...entry.details }
    return { success: true, events: [event as never] }
  },
}
