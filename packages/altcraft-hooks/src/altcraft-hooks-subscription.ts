import {
  altcraftSubscriptionStatus,
  canonicalAltcraftChannel,
  isAltcraftDeliveryChannel,
} from '@evnorm/altcraft-vocabulary'
import type { CanonicalEvent, Channel } from '@evnorm/core'
import { type FieldPath, isRecord, normalizeEmail, normalizePhone } from '@evnorm/core/adapter'
import { compact, isEmptyObject } from './altcraft-hooks-compact.js'
import type { FieldReader } from './altcraft-hooks-field-reader.js'

/** A canonical subscription. */
export type Subscription = NonNullable<CanonicalEvent['subscription']>

/**
 * Reads the hook's `subscription` array (a lone object counts as a one-element array). `null`
 * elements are skipped, and so are elements in which every field is absent (`null`, `""`, id
 * `0`, as in the historical re-export): they would read as a bare `{ channel: 'other' }`.
 * A field of the wrong type rejects the record (the reader throws).
 */
export function readHookSubscriptions(
  value: unknown,
  reader: FieldReader,
): Subscription[] | undefined {
  if (value === undefined || value === null) return undefined
  if (isRecord(value)) {
    const subscription = readSubscription(value, ['subscription'], reader)
    return isBlank(subscription) ? undefined : [subscription]
  }
  if (!Array.isArray(value))
    return reader.wrongType([], 'subscription', value, 'an array of objects')
  const subscriptions: Subscription[] = []
  for (let index = 0; index < value.length; index++) {
    const element: unknown = value[index]
    if (element === null) continue
    if (!isRecord(element)) return reader.wrongType(['subscription'], index, element, 'an object')
    const subscription = readSubscription(element, ['subscription', index], reader)
    if (!isBlank(subscription)) subscriptions.push(subscription)
  }
  return subscriptions.length === 0 ? undefined : subscriptions
}

/** True for what an element without any present field reads as. */
function isBlank(subscription: Subscription): boolean {
  for (const key in subscription) if (key !== 'channel') return false
  return subscription.channel === 'other'
}

/** A hook `subscription[]` element as received. */
type RawSubscription = {
  readonly resource_id?: unknown
  readonly channel?: unknown
  readonly email?: unknown
  readonly phone?: unknown
  readonly subscription_id?: unknown
  readonly provider?: unknown
  readonly priority?: unknown
  readonly status?: unknown
  readonly ccsub?: unknown
  readonly hash_id?: unknown
  readonly cc_data?: unknown
}

function readSubscription(
  element: RawSubscription,
  at: FieldPath,
  reader: FieldReader,
): Subscription {
  const vendorChannel = reader.text(element.channel, 'channel', at)
  const channel = vendorChannel === undefined ? 'other' : canonicalAltcraftChannel(vendorChannel)
  const subscription: Subscription = { channel }
  if (channel === 'other' && vendorChannel !== undefined) subscription.channelRaw = vendorChannel
  const resourceId = reader.id(element.resource_id, 'resource_id', at)
  if (resourceId !== undefined) subscription.resourceId = resourceId
  readStatus(element.status, at, reader, subscription)
  const priority = reader.integer(element.priority, 'priority', at)
  if (priority !== undefined) subscription.priority = priority
  const ccData: { readonly id?: unknown; readonly phone?: unknown } | undefined = reader.object(
    element.cc_data,
    'cc_data',
    at,
  )
  const email = reader.text(element.email, 'email', at)
  const normalizedEmail = email === undefined ? undefined : normalizeEmail(email)
  if (normalizedEmail !== undefined) subscription.email = normalizedEmail
  else if (email !== undefined) reader.keep([...at, 'email'], email)
  const ownPhone = reader.text(element.phone, 'phone', at)
  const phone = ownPhone ?? (ccData && reader.text(ccData.phone, 'phone', [...at, 'cc_data']))
  const normalizedPhone = phone === undefined ? undefined : normalizePhone(phone)
  if (normalizedPhone !== undefined) subscription.phone = normalizedPhone
  else if (phone !== undefined)
    reader.keep(ownPhone === undefined ? [...at, 'cc_data', 'phone'] : [...at, 'phone'], phone)
  const provider = reader.text(element.provider, 'provider', at)
  const subscriptionId = reader.text(element.subscription_id, 'subscription_id', at)
  if (provider !== undefined || subscriptionId !== undefined) {
    subscription.push = compact({ provider, subscriptionId })
  }
  const chatId = ccData && reader.id(ccData.id, 'id', [...at, 'cc_data'])
  if (chatId !== undefined) subscription.chatId = chatId
  const hashId = reader.text(element.hash_id, 'hash_id', at)
  if (hashId !== undefined) subscription.hashId = hashId
  const ccsub = reader.verbatim(reader.object(element.ccsub, 'ccsub', at), 'ccsub', at)
  if (ccsub !== undefined && !isEmptyObject(ccsub)) subscription.customFields = ccsub
  return subscription
}

function readStatus(
  value: unknown,
  at: FieldPath,
  reader: FieldReader,
  subscription: Subscription,
): void {
  if (value === undefined || value === null || value === '') return
  if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) {
    const status = altcraftSubscriptionStatus(value)
    if (status === undefined) subscription.statusRaw = String(value)
    else subscription.status = status
  } else {
    reader.wrongType(at, 'status', value, 'a status word or number')
  }
}

/**
 * The subscription the event went through: the one element of `subscriptions` on the event's
 * resource (`event_data.resource_id`, when given) and, for an event with a delivery channel,
 * on that channel; among several such, the one whose `hash_id` is the message's
 * `subscription_hash_id`. A hash never selects an element of another resource or channel.
 * Undefined when none or several match.
 */
export function selectSubscription(
  subscriptions: readonly Subscription[] | undefined,
  hashId: string | undefined,
  resourceId: string | undefined,
  channel: Channel | undefined,
): Subscription | undefined {
  if (subscriptions === undefined) return undefined
  const byChannel =
    channel !== undefined && isAltcraftDeliveryChannel(channel) ? channel : undefined
  const byHash =
    hashId === undefined ? undefined : single(subscriptions, resourceId, byChannel, hashId)
  return byHash ?? single(subscriptions, resourceId, byChannel, undefined)
}

/**
 * The one element on `resourceId` and `channel` (each when given) with hash `hashId` (when
 * given); undefined when none or several. Plain parameters, not a predicate closure: this runs
 * for every message.
 */
function single(
  subscriptions: readonly Subscription[],
  resourceId: string | undefined,
  channel: Channel | undefined,
  hashId: string | undefined,
): Subscription | undefined {
  let found: Subscription | undefined
  for (let index = 0; index < subscriptions.length; index++) {
    const subscription = subscriptions[index] as Subscription
    if (resourceId !== undefined && subscription.resourceId !== resourceId) continue
    if (channel !== undefined && subscription.channel !== channel) continue
    if (hashId !== undefined && subscription.hashId !== hashId) continue
    if (found !== undefined) return undefined
    found = subscription
  }
  return found
}
