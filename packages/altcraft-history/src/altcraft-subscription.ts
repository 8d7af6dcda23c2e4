import { altcraftSubscriptionStatus, canonicalAltcraftChannel } from '@evnorm/altcraft-vocabulary'
import type { CanonicalEvent } from '@evnorm/core'
import { normalizeEmail, normalizePhone } from '@evnorm/core/adapter'
import {
  type FieldPath,
  invalidField,
  RECORD_PATH,
  readArray,
  readChannelText,
  readInteger,
  readIntegerId,
  readObject,
  readText,
  readVerbatimObject,
} from './altcraft-fields.js'
import { integerFromText } from './altcraft-history-text-fields.js'
import { parseProblemsOf } from './altcraft-record-problem.js'

/** The canonical subscription context. */
export type CanonicalSubscription = NonNullable<CanonicalEvent['subscription']>

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type Source = Readonly<Record<string, unknown>>

/** The record field holding the profile's current subscriptions. */
export const SUBSCRIPTIONS_FIELD = 'subscriptions'
const SUBSCRIPTIONS_PATH: FieldPath = [SUBSCRIPTIONS_FIELD]

function setStatus(target: Mutable<CanonicalSubscription>, source: Source, at: FieldPath): void {
  const text = readText(source.status, at, 'status')
  if (text === undefined) return
  const status = altcraftSubscriptionStatus(text) ?? statusOfNumber(integerFromText(text))
  if (status === undefined) target.statusRaw = text
  else target.status = status
}

/** The status of a status number given as text (XML and CSV give `7` as text). */
function statusOfNumber(value: unknown): CanonicalSubscription['status'] {
  return typeof value === 'number' ? altcraftSubscriptionStatus(value) : undefined
}

function allStrings(values: readonly unknown[]): boolean {
  for (let index = 0; index < values.length; index++) {
    if (typeof values[index] !== 'string') return false
  }
  return true
}

/** The category names; the vendor's array itself when it holds only strings (no copy). */
function readCategories(source: Source, at: FieldPath): string[] | undefined {
  const cats = readArray(source.cats, at, 'cats')
  if (cats === undefined) return undefined
  if (allStrings(cats)) return cats as string[]
  const names: string[] = []
  for (let index = 0; index < cats.length; index++) {
    const cat = cats[index]
    if (typeof cat === 'string') names.push(cat)
    else if (typeof cat === 'number' && Number.isFinite(cat)) names.push(String(cat))
    else throw invalidField([...at, 'cats'], index, cat, 'a category name')
  }
  return names
}

function readPhone(text: string, at: FieldPath): string {
  const phone = normalizePhone(text)
  if (phone === undefined)
    throw invalidField(at, 'phone', text, "a phone number ('+' and digits, separators allowed)")
  return phone
}

function setPush(target: Mutable<CanonicalSubscription>, source: Source, at: FieldPath): void {
  const provider = readText(source.provider, at, 'provider')
  const subscriptionId = readText(source.subscription_id, at, 'subscription_id')
  if (provider === undefined && subscriptionId === undefined) return
  const push: Mutable<NonNullable<CanonicalSubscription['push']>> = {}
  if (provider !== undefined) push.provider = provider
  if (subscriptionId !== undefined) push.subscriptionId = subscriptionId
  target.push = push
}

function setAddresses(target: Mutable<CanonicalSubscription>, source: Source, at: FieldPath): void {
  const email = readText(source.email, at, 'email')
  const normalizedEmail = email === undefined ? undefined : normalizeEmail(email)
  if (normalizedEmail !== undefined) target.email = normalizedEmail
  const ccData = readObject(source.cc_data, at, 'cc_data')
  const ccPath = ccData === undefined ? at : [...at, 'cc_data']
  const phone = readText(source.phone, at, 'phone')
  if (phone !== undefined) {
    target.phone = readPhone(phone, at)
  } else if (ccData !== undefined) {
    const chatPhone = readText(ccData.phone, ccPath, 'phone')
    if (chatPhone !== undefined) target.phone = readPhone(chatPhone, ccPath)
  }
  setPush(target, source, at)
  const chatId = ccData === undefined ? undefined : readText(ccData.id, ccPath, 'id')
  if (chatId !== undefined) target.chatId = chatId
}

/**
 * Reads an Altcraft subscription object at `path` (history `subscription` or an element of
 * `subscriptions`; the S3/A7 shape) into the canonical subscription context. `recordChannel`
 * is the record's channel string, used when the object names none. Throws an
 * `RecordRejectionError` on a malformed field.
 */
export function readAltcraftSubscription(
  subscription: Source,
  path: FieldPath,
  recordChannel: string | undefined,
): CanonicalSubscription {
  const vendorChannel = readChannelText(subscription.channel, path, 'channel') ?? recordChannel
  const channel = vendorChannel === undefined ? 'other' : canonicalAltcraftChannel(vendorChannel)
  const target: Mutable<CanonicalSubscription> = { channel }
  if (channel === 'other' && vendorChannel !== undefined) target.channelRaw = vendorChannel
  const resourceId = readIntegerId(subscription.resource_id, path, 'resource_id', false)
  if (resourceId !== undefined) target.resourceId = resourceId
  const resourceName = readText(subscription.resource_name, path, 'resource_name')
  if (resourceName !== undefined) target.resourceName = resourceName
  setStatus(target, subscription, path)
  const priority = readInteger(subscription.priority, path, 'priority', Number.MIN_SAFE_INTEGER)
  if (priority !== undefined) target.priority = priority
  const categories = readCategories(subscription, path)
  if (categories !== undefined) target.categories = categories
  setAddresses(target, subscription, path)
  const hashId = readText(subscription.hash_id, path, 'hash_id')
  if (hashId !== undefined) target.hashId = hashId
  const customFields = readVerbatimObject(subscription.custom_fields, path, 'custom_fields')
  if (customFields !== undefined) target.customFields = customFields
  return target
}

/**
 * Reads a record's `subscriptions` array (the profile's current set at query time, not
 * history); `{}` elements are skipped.
 */
export function readAltcraftSubscriptions(record: Source): CanonicalSubscription[] | undefined {
  const problem = parseProblemsOf(record)?.find((marked) => marked.path[0] === SUBSCRIPTIONS_FIELD)
  if (problem !== undefined) throw problem
  const list = readArray(record.subscriptions, RECORD_PATH, SUBSCRIPTIONS_FIELD)
  if (list === undefined) return undefined
  const subscriptions: CanonicalSubscription[] = []
  for (let index = 0; index < list.length; index++) {
    const item = readObject(list[index], SUBSCRIPTIONS_PATH, index)
    if (item !== undefined) {
      subscriptions.push(readAltcraftSubscription(item, [...SUBSCRIPTIONS_PATH, index], undefined))
    }
  }
  return subscriptions
}
