import {
  CANONICAL_SCHEMA_VERSION,
  type CanonicalEvent,
  createVocabularyIndex,
  eventId,
} from '@evnorm/core'
import { bounceDetails } from './smaily-bounce.js'
import type { SmailyTimeResult } from './smaily-clock.js'
import { parseModifyValue } from './smaily-modify-value.js'
import type { SmailyRow } from './smaily-row.js'
import { viewContext } from './smaily-view-value.js'
import { SMAILY_LOG_VOCABULARY } from './smaily-vocabulary.js'

/** Feed id of the Smaily action log. */
export const SMAILY_FEED = 'smaily.history'

/** Vendor name of Smaily. */
export const SMAILY_VENDOR = 'smaily'

type PlacedTime = Extract<SmailyTimeResult, { success: true }>
type Envelope = Omit<CanonicalEvent, 'type' | 'details'>

const lookup = createVocabularyIndex(SMAILY_LOG_VOCABULARY)

/**
 * The event id: `eventId('smaily.history', [seq_id])` when the row has a `seq_id`, else the
 * content key `eventId('smaily.history', [email, occurredAt, action, campaign_id, value])`
 * with the normalized email, the canonical `occurredAt`, `campaign_id` as decimal text or
 * null, and `value` verbatim or null when empty.
 */
export function smailyEventId(row: SmailyRow, occurredAt: string): string {
  return row.seqId === undefined
    ? eventId(SMAILY_FEED, [
        row.email,
        occurredAt,
        row.action,
        row.campaignId ?? null,
        row.value ?? null,
      ])
    : eventId(SMAILY_FEED, [row.seqId])
}

function sourceOf(row: SmailyRow, time: PlacedTime, zone: string): CanonicalEvent['source'] {
  const sourceTime: CanonicalEvent['source']['time'] =
    time.dst === undefined
      ? { raw: row.time, zone }
      : time.resolution === undefined
        ? { raw: row.time, zone, dst: time.dst }
        : { raw: row.time, zone, dst: time.dst, resolution: time.resolution }
  return row.seqId === undefined
    ? {
        vendor: SMAILY_VENDOR,
        feed: SMAILY_FEED,
        verb: row.action,
        idBasis: 'content',
        time: sourceTime,
      }
    : {
        vendor: SMAILY_VENDOR,
        feed: SMAILY_FEED,
        verb: row.action,
        recordId: row.seqId,
        idBasis: 'vendor',
        time: sourceTime,
      }
}

function envelopeOf(
  row: SmailyRow,
  time: PlacedTime,
  zone: string,
  channel: Envelope['channel'],
): Envelope {
  const envelope: Envelope = {
    schema: CANONICAL_SCHEMA_VERSION,
    id: smailyEventId(row, time.occurredAt),
    channel,
    occurredAt: time.occurredAt,
    count: 1,
    source: sourceOf(row, time, zone),
    recipient: { email: row.email },
  }
  if (row.campaignId !== undefined || row.campaignName !== undefined) {
    envelope.campaign =
      row.campaignName === undefined
        ? { id: row.campaignId as string }
        : row.campaignId === undefined
          ? { name: row.campaignName }
          : { id: row.campaignId, name: row.campaignName }
  }
  return envelope
}

function withExtraValue<T extends Envelope>(event: T, value: string | undefined): T {
  if (value !== undefined) event.extra = { value }
  return event
}

/**
 * Maps one checked row whose time is placed to its canonical event (see the README's
 * vocabulary and field mapping tables). Actions outside the vocabulary become `unknown`
 * events on channel `other`; a `value` with no canonical field is kept in `extra.value`.
 */
export function mapSmailyAction(row: SmailyRow, time: PlacedTime, zone: string): CanonicalEvent {
  const entry = lookup(row.action)
  if (entry === undefined) {
    return withExtraValue({ ...envelopeOf(row, time, zone, 'other'), type: 'unknown' }, row.value)
  }
  const envelope = envelopeOf(row, time, zone, entry.channel ?? 'email')
  const { value } = row
  switch (entry.type) {
    case 'message.bounced':
      return { ...envelope, type: 'message.bounced', details: bounceDetails(value) }
    case 'message.clicked':
      return value === undefined
        ? { ...envelope, type: 'message.clicked' }
        : { ...envelope, type: 'message.clicked', details: { url: value } }
    case 'message.opened': {
      if (value === undefined) return { ...envelope, type: 'message.opened' }
      const context = viewContext(value)
      return context === undefined
        ? { ...envelope, type: 'message.opened', details: { raw: value } }
        : { ...envelope, type: 'message.opened', details: { raw: value }, context }
    }
    case 'profile.updated': {
      if (value === undefined) return { ...envelope, type: 'profile.updated' }
      const fields = parseModifyValue(value)
      return {
        ...envelope,
        type: 'profile.updated',
        details: fields === undefined ? { raw: value } : { fields, raw: value },
      }
    }
    case 'subscription.subscribed':
    case 'subscription.unsubscribed':
      return withExtraValue({ ...envelope, type: entry.type, details: { scope: 'global' } }, value)
    default:
      return withExtraValue({ ...envelope, type: entry.type } as CanonicalEvent, value)
  }
}
