import {
  CANONICAL_SCHEMA_VERSION,
  type CanonicalEvent,
  type CanonicalEventOf,
  type Channel,
  countryFromTld,
  normalizeEmail,
  normalizePhone,
  type VocabularyEntry,
} from '@evnorm/core'
import type { HookEventData } from './altcraft-hooks-event-data.js'
import { ALTCRAFT_HOOKS_FEED, hookEventId } from './altcraft-hooks-event-id.js'
import { type FieldReader, isObject, type Rejected } from './altcraft-hooks-field-reader.js'
import type { HookMessage } from './altcraft-hooks-message.js'
import {
  isDeliveryChannel,
  type Subscription,
  selectSubscription,
} from './altcraft-hooks-subscription.js'
import { compact, isEmptyObject } from './compact.js'
import { addUnmappedGroupFields, mapHookDetails } from './map-altcraft-hooks-details.js'

type Envelope = Omit<CanonicalEventOf<'unknown'>, 'type' | 'details'>
type Recipient = NonNullable<Envelope['recipient']>

/**
 * Builds the canonical event of one read hook message (`entry` undefined for an event_type
 * outside the vocabulary), or the rejection of an invalid type-specific field.
 */
export function mapHookMessage(
  message: HookMessage,
  entry: VocabularyEntry | undefined,
  reader: FieldReader,
): CanonicalEvent | Rejected {
  const { data } = message
  const type = entry?.type ?? 'unknown'
  const selected = selectSubscription(message.subscriptions, data.resourceId, entry?.channel)
  const channel = entry?.channel ?? selected?.channel ?? 'other'
  const details =
    entry === undefined ? undefined : mapHookDetails(type, entry.details, data, channel, reader)
  if (reader.rejection !== undefined) return reader.rejection
  const extra: Record<string, unknown> = {}
  const subscription = eventSubscription(message, selected, channel, extra)
  const recipient = eventRecipient(message, selected, extra)
  const sendId = data.sendMessageId ?? data.smid
  const event: Envelope = {
    schema: CANONICAL_SCHEMA_VERSION,
    id: hookEventId(
      {
        verb: message.verb,
        occurredAt: message.occurredAt,
        accountId: message.accountId,
        profileId: recipient?.profileId,
        xxh: message.xxh,
        md5: message.md5,
        sendId,
      },
      data,
    ),
    channel,
    occurredAt: message.occurredAt,
    count: 1,
    source: {
      vendor: 'altcraft',
      feed: ALTCRAFT_HOOKS_FEED,
      verb: message.verb,
      idBasis: 'content',
      time: { raw: message.rawDate },
    },
  }
  if (message.test !== undefined) event.test = message.test
  if (message.attempts !== undefined) event.attempts = message.attempts
  if (recipient !== undefined) event.recipient = recipient
  const campaign = compact<NonNullable<Envelope['campaign']>>({
    id: data.campaignId,
    name: undefined,
    launchId: data.launchId,
    systemId: data.scampaignId,
    group: campaignGroup(data.prevSt, extra),
  })
  if (campaign !== undefined) event.campaign = campaign
  const messageRef = compact<NonNullable<Envelope['message']>>({
    id: data.messageId,
    name: undefined,
    sendId,
    fullSendId: data.fullMessageId,
    emailSendId: data.emailMessageId,
    extraUid: data.extraUid,
    provider: data.provider,
  })
  if (messageRef !== undefined) event.message = messageRef
  if (subscription !== undefined) event.subscription = subscription
  if (message.subscriptions !== undefined) event.profileSubscriptions = message.subscriptions
  const context = eventContext(data)
  if (context !== undefined) event.context = context
  if (data.smid !== undefined && data.smid !== sendId) extra.smid = data.smid
  if (message.isStatic !== undefined) extra.is_static = message.isStatic
  addUnmappedGroupFields(type, data, extra)
  if (!isEmptyObject(extra)) event.extra = extra
  return (
    details === undefined ? { ...event, type } : { ...event, type, details }
  ) as CanonicalEvent
}

function eventSubscription(
  message: HookMessage,
  selected: Subscription | undefined,
  channel: Channel,
  extra: Record<string, unknown>,
): Subscription | undefined {
  const hashId = message.subscriptionHashId
  if (selected !== undefined) {
    return hashId === undefined || selected.hashId !== undefined
      ? { ...selected }
      : { ...selected, hashId }
  }
  const resourceId = message.data.resourceId
  if (isDeliveryChannel(channel) && (resourceId !== undefined || hashId !== undefined)) {
    return {
      channel,
      ...compact<Pick<Subscription, 'resourceId' | 'hashId'>>({ resourceId, hashId }),
    }
  }
  if (resourceId !== undefined) extra.resource_id = resourceId
  if (hashId !== undefined) extra.subscription_hash_id = hashId
  return undefined
}

function eventRecipient(
  message: HookMessage,
  selected: Subscription | undefined,
  extra: Record<string, unknown>,
): Recipient | undefined {
  const { data, customData } = message
  let fields: Readonly<Record<string, unknown>> | undefined
  if (isObject(customData)) fields = customData
  else if (customData !== undefined) extra.custom_data = customData
  const listId = message.listId ?? data.dbId
  if (data.dbId !== undefined && data.dbId !== listId) extra.db_id = data.dbId
  const profileId = message.profileId ?? data.profileId
  if (data.profileId !== undefined && data.profileId !== profileId)
    extra.profile_id = data.profileId
  return compact<Recipient>({
    email: selected?.email ?? fieldText(fields, 'email', normalizeEmail),
    phone: selected?.phone ?? fieldText(fields, 'phone', normalizePhone),
    profileId,
    listId,
    accountId: message.accountId,
    hashes: compact({ _xxh: message.xxh, _md5: message.md5 }),
    push: selected?.push,
    fields: fields === undefined || isEmptyObject(fields) ? undefined : fields,
  })
}

function fieldText(
  fields: Readonly<Record<string, unknown>> | undefined,
  key: string,
  normalizeText: (text: string) => string | undefined,
): string | undefined {
  const value = fields?.[key]
  return typeof value === 'string' && value !== '' ? (normalizeText(value) ?? value) : undefined
}

function campaignGroup(
  prevSt: number | undefined,
  extra: Record<string, unknown>,
): 'test' | 'control' | undefined {
  if (prevSt === 1) return 'test'
  if (prevSt === 2) return 'control'
  if (prevSt !== undefined && prevSt !== 0) extra.prev_st = prevSt
  return undefined
}

function eventContext(data: HookEventData): Envelope['context'] {
  const country = data.country
  return compact<NonNullable<Envelope['context']>>({
    ip: data.ip,
    userAgent: data.userAgent,
    os: data.os,
    browser: data.browser,
    device: data.device,
    country: country === undefined ? undefined : countryFromTld(country),
    countryRaw: country,
    city: data.city,
    region: data.region,
    postalCode: data.postalCode,
    timeZone: data.tz,
    latitude: data.lat,
    longitude: data.lon,
  })
}
