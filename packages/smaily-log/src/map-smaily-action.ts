import { CANONICAL_SCHEMA_VERSION, type CanonicalEvent, type EventType } from '@evnorm/core'
import { createVocabularyIndex, eventId, isMailProxyUserAgent } from '@evnorm/core/adapter'
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

/** An event while it is built: the common fields, any type, details checked by core's schema. */
type Draft = { -readonly [K in keyof Envelope]: Envelope[K] } & {
  type: EventType
  details?: object
}

const lookup = createVocabularyIndex(SMAILY_LOG_VOCABULARY)

/**
 * The event id: `eventId('smaily.history', [seq_id])` when the row has a `seq_id`, else the
 * content key `eventId('smaily.history', [email, occurredAt, action, campaign_id, value])`
 * with the normalized email, the canonical `occurredAt`, `campaign_id` as decimal text or
 * null, and `value` verbatim or null when empty.
 */
function smailyEventId(row: SmailyRow, occurredAt: string): string {
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

function campaignOf(row: SmailyRow): CanonicalEvent['campaign'] {
  const { campaignId, campaignName } = row
  if (campaignName === undefined) return campaignId === undefined ? undefined : { id: campaignId }
  return campaignId === undefined ? { name: campaignName } : { id: campaignId, name: campaignName }
}

function describeValue(event: Draft, value: string | undefined): void {
  switch (event.type) {
    case 'message.bounced':
      event.details = bounceDetails(value)
      return
    case 'message.clicked':
      if (value !== undefined) event.details = { url: value }
      return
    case 'message.opened': {
      if (value === undefined) return
      const context = viewContext(value)
      event.details = isMailProxyUserAgent(context?.userAgent)
        ? { raw: value, machine: true }
        : { raw: value }
      if (context !== undefined) event.context = context
      return
    }
    case 'profile.updated': {
      if (value === undefined) return
      const fields = parseModifyValue(value)
      event.details = fields === undefined ? { raw: value } : { fields, raw: value }
      return
    }
    case 'subscription.subscribed':
    case 'subscription.unsubscribed':
      event.details = { scope: 'global' }
      break
  }
  if (value !== undefined) event.extra = { value }
}

/**
 * Maps one checked row whose time is placed to its canonical event (see the README's
 * vocabulary and field mapping tables). Actions outside the vocabulary become `unknown`
 * events on channel `other`; a `value` with no canonical field is kept in `extra.value`.
 */
export function mapSmailyAction(row: SmailyRow, time: PlacedTime, zone: string): CanonicalEvent {
  const entry = lookup(row.action)
  const event: Draft = {
    schema: CANONICAL_SCHEMA_VERSION,
    id: smailyEventId(row, time.occurredAt),
    type: entry === undefined ? 'unknown' : entry.type,
    channel: entry === undefined ? 'other' : (entry.channel ?? 'email'),
    occurredAt: time.occurredAt,
    count: 1,
    source: sourceOf(row, time, zone),
    recipient: { email: row.email },
  }
  const campaign = campaignOf(row)
  if (campaign !== undefined) event.campaign = campaign
  describeValue(event, row.value)
  return event as CanonicalEvent
}
