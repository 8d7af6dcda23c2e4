import type { CanonicalEvent, EventType } from '@evnorm/core'
import {
  createEventBuilder,
  createVocabularyIndex,
  type EventKey,
  type EventTime,
  isMailProxyUserAgent,
} from '@evnorm/core/adapter'
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

const lookup = createVocabularyIndex(SMAILY_LOG_VOCABULARY)
const builder = createEventBuilder(SMAILY_FEED, SMAILY_VENDOR)

/**
 * What the event id is derived from: `seq_id` when the row has one (`eventId('smaily.history',
 * [seq_id])`), else the content key `eventId('smaily.history', [email, occurredAt, action,
 * campaign_id, value])` with the normalized email, the canonical `occurredAt`, `campaign_id` as
 * decimal text or null, and `value` verbatim or null when empty.
 */
function keyOf(row: SmailyRow, occurredAt: string): EventKey {
  return row.seqId === undefined
    ? { basis: 'content', parts: [row.email, occurredAt, row.action, row.campaignId, row.value] }
    : { basis: 'vendor', recordId: row.seqId }
}

/** The placed time for the builder: Smaily times are whole seconds. */
function timeOf(row: SmailyRow, time: PlacedTime, zone: string): EventTime {
  return {
    instant: { epochMs: time.epochMs, nanos: 0 },
    source:
      time.dst === undefined
        ? { raw: row.time, zone }
        : time.resolution === undefined
          ? { raw: row.time, zone, dst: time.dst }
          : { raw: row.time, zone, dst: time.dst, resolution: time.resolution },
  }
}

function campaignOf(row: SmailyRow): CanonicalEvent['campaign'] {
  const { campaignId, campaignName } = row
  if (campaignName === undefined) return campaignId === undefined ? undefined : { id: campaignId }
  return campaignId === undefined ? { name: campaignName } : { id: campaignId, name: campaignName }
}

/**
 * The type of a row (`unknown` for an action outside the vocabulary) and what its `value`
 * says for that type: details, context, or `extra.value` when it has no canonical field.
 */
function described(type: EventType | undefined, value: string | undefined) {
  switch (type) {
    case 'message.bounced':
      return { type, details: bounceDetails(value) }
    case 'message.clicked':
      return { type, details: value === undefined ? undefined : { url: value } }
    case 'message.opened': {
      if (value === undefined) return { type }
      const context = viewContext(value)
      const machine = isMailProxyUserAgent(context?.userAgent)
      return { type, details: machine ? { raw: value, machine } : { raw: value }, context }
    }
    case 'profile.updated': {
      if (value === undefined) return { type }
      const fields = parseModifyValue(value)
      return { type, details: fields === undefined ? { raw: value } : { fields, raw: value } }
    }
    case 'subscription.subscribed':
    case 'subscription.unsubscribed':
      return { type, details: { scope: 'global' } as const, extra: extraOf(value) }
    case 'message.sent':
    case 'message.complained':
    case 'profile.created':
    case 'profile.deleted':
      return { type, extra: extraOf(value) }
    default:
      // every type of the vocabulary is above; the conformance kit maps each entry
      return { type: 'unknown' as const, extra: extraOf(value) }
  }
}

/**
 * Maps one checked row whose time is placed to its canonical event (see the README's
 * vocabulary and field mapping tables). Actions outside the vocabulary become `unknown`
 * events on channel `other`; a `value` with no canonical field is kept in `extra.value`.
 */
export function mapSmailyAction(row: SmailyRow, time: PlacedTime, zone: string): CanonicalEvent {
  const entry = lookup(row.action)
  return builder.build({
    channel: entry === undefined ? 'other' : (entry.channel ?? 'email'),
    verb: row.action,
    time: timeOf(row, time, zone),
    key: keyOf(row, time.occurredAt),
    recipient: { email: row.email },
    campaign: campaignOf(row),
    ...described(entry?.type, row.value),
  })
}

/** A `value` with no canonical field, kept verbatim. */
function extraOf(value: string | undefined): { readonly value: string } | undefined {
  return value === undefined ? undefined : { value }
}
