import { canonicalAltcraftChannel } from '@evnorm/altcraft-vocabulary'
import type { CanonicalEvent, Channel, VocabularyEntry } from '@evnorm/core'
import {
  createEventBuilder,
  normalizeEmail,
  RecordRejectionError,
  reject,
  typedDraft,
  type UntypedDraft,
} from '@evnorm/core/adapter'
import { RECORD_PATH, readObject } from './altcraft-fields.js'
import {
  ALTCRAFT_HISTORY_FEED,
  altcraftHistoryEventKey,
  expandedEventId,
} from './altcraft-history-event-id.js'
import type { AltcraftHistoryRecord } from './altcraft-history-record.js'
import { ALTCRAFT_HISTORY_VOCABULARY } from './altcraft-history-vocabulary.js'
import {
  type CanonicalSubscription,
  readAltcraftSubscription,
  readAltcraftSubscriptions,
} from './altcraft-subscription.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Recipient = Mutable<NonNullable<CanonicalEvent['recipient']>>
type Campaign = Mutable<NonNullable<CanonicalEvent['campaign']>>
type Message = Mutable<NonNullable<CanonicalEvent['message']>>

const builder = createEventBuilder(ALTCRAFT_HISTORY_FEED, 'altcraft')

/** The most events one record may expand into with `expandCount`. */
export const MAX_EXPANDED_COUNT = 10_000

/** How records become events. */
export interface MapOptions {
  /** Emit `count` events of count 1 instead of one event carrying `count`. */
  readonly expandCount: boolean
  /** Attach the profile's current `subscriptions` as `profileSubscriptions`. */
  readonly includeSubscriptions: boolean
}

const SUBSCRIPTION_PATH = ['subscription'] as const
/** Unfrozen copies of the vocabulary's details, cheaper to copy per event than frozen ones. */
const detailsTemplates = new Map<VocabularyEntry, Record<string, unknown>>(
  ALTCRAFT_HISTORY_VOCABULARY.flatMap((entry) =>
    entry.details === undefined ? [] : [[entry, { ...entry.details }] as const],
  ),
)

function recipientOf(
  record: AltcraftHistoryRecord,
  email: string | undefined,
): Recipient | undefined {
  const recipient: Recipient = {}
  let empty = true
  if (email !== undefined) {
    recipient.email = email
    empty = false
  }
  if (record.profileId !== undefined) {
    recipient.profileId = record.profileId
    empty = false
  }
  if (record.listId !== undefined) {
    recipient.listId = record.listId
    empty = false
  }
  if (record.xxh !== undefined) {
    recipient.hashes = { xxh: record.xxh }
    empty = false
  }
  if (record.fields !== undefined) {
    recipient.fields = record.fields
    empty = false
  }
  return empty ? undefined : recipient
}

function campaignOf(record: AltcraftHistoryRecord): Campaign | undefined {
  if (record.campaignId === undefined && record.campaignName === undefined) return undefined
  const campaign: Campaign = {}
  if (record.campaignId !== undefined) campaign.id = record.campaignId
  if (record.campaignName !== undefined) campaign.name = record.campaignName
  return campaign
}

function messageOf(record: AltcraftHistoryRecord): Message | undefined {
  if (
    record.messageId === undefined &&
    record.messageName === undefined &&
    record.smid === undefined
  ) {
    return undefined
  }
  const message: Message = {}
  if (record.messageId !== undefined) message.id = record.messageId
  if (record.messageName !== undefined) message.name = record.messageName
  if (record.smid !== undefined) message.sendId = record.smid
  return message
}

function channelOf(
  entry: VocabularyEntry | undefined,
  record: AltcraftHistoryRecord,
  subscription: CanonicalSubscription | undefined,
): Channel {
  if (entry?.channel !== undefined) return entry.channel
  if (record.channel !== undefined) return canonicalAltcraftChannel(record.channel)
  return subscription?.channel ?? 'other'
}

/**
 * Turns one checked history record into its canonical event (or `count` events with
 * `expandCount`). `entry` is the record's vocabulary entry, undefined for an unknown verb.
 * Throws a `RecordRejectionError` on a malformed subscription.
 */
export function mapAltcraftHistoryAction(
  record: AltcraftHistoryRecord,
  entry: VocabularyEntry | undefined,
  options: MapOptions,
): CanonicalEvent[] {
  const subscriptionObject = readObject(record.source.subscription, RECORD_PATH, 'subscription')
  const subscription =
    subscriptionObject === undefined
      ? undefined
      : readAltcraftSubscription(subscriptionObject, SUBSCRIPTION_PATH, record.channel)
  const profileSubscriptions = options.includeSubscriptions
    ? readAltcraftSubscriptions(record.source)
    : undefined
  const email = record.email === undefined ? undefined : normalizeEmail(record.email)
  const channel = channelOf(entry, record, subscription)
  const key = altcraftHistoryEventKey(record, email, subscription?.resourceId)
  const recipient = recipientOf(record, email)
  const campaign = campaignOf(record)
  const message = messageOf(record)
  const template = entry === undefined ? undefined : detailsTemplates.get(entry)
  const fields: UntypedDraft = {
    type: entry?.type ?? 'unknown',
    channel,
    verb: record.action,
    time: record.time,
    key,
    count: record.count,
    vendorChannel: channel === 'other' ? record.channel : undefined,
    recipient,
    campaign,
    message,
    subscription,
    profileSubscriptions,
    details: template === undefined ? undefined : { ...template },
  }
  if (!options.expandCount || record.count === 1) return [builder.build(typedDraft(fields))]
  if (record.count > MAX_EXPANDED_COUNT) {
    throw new RecordRejectionError(
      reject(
        'invalid_field',
        ['count'],
        `count: ${record.count} is above the expandCount limit of ${MAX_EXPANDED_COUNT}; normalize without expandCount to keep it as one event with count ${record.count}`,
      ),
    )
  }
  const events: CanonicalEvent[] = []
  for (let n = 1; n <= record.count; n++) {
    // each event of the record has its own details object, as every other event has
    const details = template === undefined ? undefined : { ...template }
    const event = builder.build(typedDraft({ ...fields, count: 1, details }))
    events.push(n === 1 ? event : { ...event, id: expandedEventId(event.id, n) })
  }
  return events
}
