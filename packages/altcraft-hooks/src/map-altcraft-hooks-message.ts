import { isAltcraftDeliveryChannel } from '@evnorm/altcraft-vocabulary'
import type { CanonicalEvent, Channel, VocabularyEntry } from '@evnorm/core'
import {
  countryFromTld,
  createEventBuilder,
  isRecord,
  normalizeEmail,
  normalizePhone,
  typedDraft,
} from '@evnorm/core/adapter'
import { isEmptyObject } from './altcraft-hooks-compact.js'
import type { HookEventData } from './altcraft-hooks-event-data.js'
import { ALTCRAFT_HOOKS_FEED, hookEventKey } from './altcraft-hooks-event-id.js'
import type { FieldReader } from './altcraft-hooks-field-reader.js'
import type { HookMessage } from './altcraft-hooks-message.js'
import { type Subscription, selectSubscription } from './altcraft-hooks-subscription.js'
import { channelWithoutSubscription } from './altcraft-hooks-vocabulary.js'
import { addUnmappedGroupFields, mapHookDetails } from './map-altcraft-hooks-details.js'

type Recipient = NonNullable<CanonicalEvent['recipient']>
type Campaign = NonNullable<CanonicalEvent['campaign']>
type MessageReference = NonNullable<CanonicalEvent['message']>
type Context = NonNullable<CanonicalEvent['context']>

const builder = createEventBuilder(ALTCRAFT_HOOKS_FEED, 'altcraft')

/**
 * Builds the canonical event of one read hook message (`entry` undefined for an event_type
 * outside the vocabulary); an invalid type-specific field rejects the record (the reader
 * throws).
 */
export function mapHookMessage(
  message: HookMessage,
  entry: VocabularyEntry | undefined,
  reader: FieldReader,
): CanonicalEvent {
  const { data } = message
  const type = entry?.type ?? 'unknown'
  const selected = selectSubscription(
    message.subscriptions,
    message.subscriptionHashId,
    data.resourceId,
    entry?.channel,
  )
  const channel = entry?.channel ?? selected?.channel ?? channelWithoutSubscription(message.verb)
  const details =
    entry === undefined ? undefined : mapHookDetails(type, entry.details, data, channel, reader)
  // `extra` is filled in this order: recipient, campaign, message, subscription fields first
  const extra: Record<string, unknown> = {}
  const recipient = eventRecipient(message, selected, extra)
  const sendId = data.sendMessageId ?? data.smid
  const campaign = campaignOf(data, extra)
  const reference = messageOf(data, sendId, extra)
  const subscription = eventSubscription(message, selected, channel, extra)
  const context = eventContext(data)
  if (message.isStatic !== undefined) extra.is_static = message.isStatic
  addUnmappedGroupFields(type, data, extra)
  if (reader.kept !== undefined) Object.assign(extra, reader.kept)
  return builder.build(
    typedDraft({
      type,
      channel,
      verb: message.verb,
      time: message.time,
      key: hookEventKey(message, recipient?.profileId, sendId),
      details,
      test: message.test,
      attempts: message.attempts,
      recipient,
      campaign,
      message: reference,
      subscription,
      profileSubscriptions: message.subscriptions,
      context,
      extra: isEmptyObject(extra) ? undefined : extra,
    }),
  )
}

function campaignOf(data: HookEventData, extra: Record<string, unknown>): Campaign | undefined {
  const group = campaignGroup(data.prevSt, extra)
  if (
    data.campaignId === undefined &&
    data.launchId === undefined &&
    data.scampaignId === undefined &&
    group === undefined
  ) {
    return undefined
  }
  const campaign: Campaign = {}
  if (data.campaignId !== undefined) campaign.id = data.campaignId
  if (data.launchId !== undefined) campaign.launchId = data.launchId
  if (data.scampaignId !== undefined) campaign.systemId = data.scampaignId
  if (group !== undefined) campaign.group = group
  return campaign
}

function messageOf(
  data: HookEventData,
  sendId: string | undefined,
  extra: Record<string, unknown>,
): MessageReference | undefined {
  if (data.smid !== undefined && data.smid !== sendId) extra.smid = data.smid
  if (
    data.messageId === undefined &&
    sendId === undefined &&
    data.fullMessageId === undefined &&
    data.emailMessageId === undefined &&
    data.extraUid === undefined &&
    data.provider === undefined
  ) {
    return undefined
  }
  const reference: MessageReference = {}
  if (data.messageId !== undefined) reference.id = data.messageId
  if (sendId !== undefined) reference.sendId = sendId
  if (data.fullMessageId !== undefined) reference.fullSendId = data.fullMessageId
  if (data.emailMessageId !== undefined) reference.emailSendId = data.emailMessageId
  if (data.extraUid !== undefined) reference.extraUid = data.extraUid
  if (data.provider !== undefined) reference.provider = data.provider
  return reference
}

function eventSubscription(
  message: HookMessage,
  selected: Subscription | undefined,
  channel: Channel,
  extra: Record<string, unknown>,
): Subscription | undefined {
  const hashId = message.subscriptionHashId
  if (selected !== undefined) {
    if (hashId !== undefined && selected.hashId === undefined) selected.hashId = hashId
    return selected
  }
  const resourceId = message.data.resourceId
  if (isAltcraftDeliveryChannel(channel) && (resourceId !== undefined || hashId !== undefined)) {
    const subscription: Subscription = { channel }
    if (resourceId !== undefined) subscription.resourceId = resourceId
    if (hashId !== undefined) subscription.hashId = hashId
    return subscription
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
  if (isRecord(customData)) fields = customData
  else if (customData !== undefined) extra.custom_data = customData
  const listId = message.listId ?? data.dbId
  if (data.dbId !== undefined && data.dbId !== listId) extra.db_id = data.dbId
  const profileId = message.profileId ?? data.profileId
  if (data.profileId !== undefined && data.profileId !== profileId)
    extra.profile_id = data.profileId
  const recipient: Recipient = {}
  const email = selected?.email ?? fieldText(fields, 'email', normalizeEmail)
  if (email !== undefined) recipient.email = email
  const phone = selected?.phone ?? fieldText(fields, 'phone', normalizePhone)
  if (phone !== undefined) recipient.phone = phone
  if (profileId !== undefined) recipient.profileId = profileId
  if (listId !== undefined) recipient.listId = listId
  if (message.accountId !== undefined) recipient.accountId = message.accountId
  if (message.xxh !== undefined || message.md5 !== undefined) {
    const hashes: Record<string, string> = {}
    if (message.xxh !== undefined) hashes._xxh = message.xxh
    if (message.md5 !== undefined) hashes._md5 = message.md5
    recipient.hashes = hashes
  }
  if (selected?.push !== undefined) recipient.push = selected.push
  if (fields !== undefined && !isEmptyObject(fields)) recipient.fields = fields
  return isEmptyObject(recipient) ? undefined : recipient
}

function fieldText(
  fields: Readonly<Record<string, unknown>> | undefined,
  key: string,
  normalizeText: (text: string) => string | undefined,
): string | undefined {
  const value = fields?.[key]
  return typeof value === 'string' ? normalizeText(value) : undefined
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

function eventContext(data: HookEventData): Context | undefined {
  const context: Context = {}
  if (data.ip !== undefined) context.ip = data.ip
  if (data.userAgent !== undefined) context.userAgent = data.userAgent
  if (data.os !== undefined) context.os = data.os
  if (data.browser !== undefined) context.browser = data.browser
  if (data.device !== undefined) context.device = data.device
  if (data.country !== undefined) {
    const country = countryFromTld(data.country)
    if (country !== undefined) context.country = country
    context.countryRaw = data.country
  }
  if (data.city !== undefined) context.city = data.city
  if (data.region !== undefined) context.region = data.region
  if (data.postalCode !== undefined) context.postalCode = data.postalCode
  if (data.tz !== undefined) context.timeZone = data.tz
  if (data.lat !== undefined) context.latitude = data.lat
  if (data.lon !== undefined) context.longitude = data.lon
  return isEmptyObject(context) ? undefined : context
}
