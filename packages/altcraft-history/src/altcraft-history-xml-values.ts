import { isPlainObject } from './altcraft-fields.js'
import {
  integerFromText,
  RECORD_INTEGER_FIELDS,
  SUBSCRIPTION_INTEGER_FIELDS,
} from './altcraft-history-text-fields.js'

/**
 * Tag names fast-xml-parser refuses or renames (prototype pollution guards). They are
 * escaped with this prefix while parsing (no XML name can contain it) and restored here.
 */
export const RESERVED_TAG_PREFIX = '\u0001'

const RESERVED_TAGS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

/** `transformTagName` for fast-xml-parser: escapes the reserved names. */
export function escapeReservedTag(name: string): string {
  return RESERVED_TAGS.has(name) ? RESERVED_TAG_PREFIX + name : name
}

function tagName(key: string): string {
  return key.startsWith(RESERVED_TAG_PREFIX) ? key.slice(RESERVED_TAG_PREFIX.length) : key
}

type Entry = [string, unknown]

function mapEntries(
  node: Record<string, unknown>,
  value: (key: string, child: unknown) => unknown,
): Record<string, unknown> {
  const entries: Entry[] = []
  for (const key of Object.keys(node)) {
    const name = tagName(key)
    entries.push([name, value(name, node[key])])
  }
  return Object.fromEntries(entries)
}

/** A free-form value (custom fields, profile fields, unknown elements): text stays text. */
export function freeValue(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(freeValue)
  if (isPlainObject(node)) return mapEntries(node, (_, child) => freeValue(child))
  return node
}

function freeObject(node: unknown): unknown {
  return node === '' ? {} : freeValue(node)
}

/** Fields of a history record: a `<data>` holding them directly is one record. */
const RECORD_FIELDS: ReadonlySet<string> = new Set([
  ...RECORD_INTEGER_FIELDS,
  'action',
  'datetime',
  'xxh',
  'profile_id',
  'email',
  'event_id',
  'smid',
  'campaign_name',
  'message_name',
  'channel',
  'subscriptions',
  'fields',
])

/** Fields of a subscription: a `<subscriptions>` holding them directly is one subscription. */
const SUBSCRIPTION_FIELDS: ReadonlySet<string> = new Set([
  'resource_id',
  'resource_name',
  'channel',
  'email',
  'phone',
  'priority',
  'status',
  'custom_fields',
  'cats',
  'provider',
  'subscription_id',
  'cc_data',
  'hash_id',
  'db_id',
  'profile_id',
])

/**
 * The elements of an array field, which XML renders as a wrapper element
 * (`<data><item/>…</data>`, `<subscriptions><subscription/>…</subscriptions>`,
 * `<cats><cat/>…</cats>`) whatever the child tag, or as repeated siblings
 * (`<cats>a</cats><cats>b</cats>`). One child is a one-element array (fast-xml-parser gives
 * an object there), an empty element (`<cats/>`) an empty array. A wrapper whose children
 * include one of `elementFields` (the fields of one element) is itself the one element
 * (`<subscriptions><channel>email</channel>…</subscriptions>`). Called only at the paths the
 * history schema knows are arrays.
 */
export function arrayElements(node: unknown, elementFields?: ReadonlySet<string>): unknown[] {
  if (node === '' || node === undefined) return []
  if (Array.isArray(node)) return node.flatMap((sibling) => arrayElements(sibling, elementFields))
  if (!isPlainObject(node)) return [node]
  const keys = Object.keys(node)
  if (elementFields !== undefined && keys.some((key) => elementFields.has(tagName(key)))) {
    return [node]
  }
  const elements: unknown[] = []
  for (const key of keys) {
    const child = node[key]
    if (!Array.isArray(child)) elements.push(child)
    else for (const element of child) elements.push(element)
  }
  return elements
}

/** The records of `<data>`. */
export function dataElements(node: unknown): unknown[] {
  return arrayElements(node, RECORD_FIELDS)
}

function subscriptionValue(node: unknown): unknown {
  if (node === '') return {}
  if (!isPlainObject(node)) return freeValue(node)
  return mapEntries(node, (name, child) => {
    if (SUBSCRIPTION_INTEGER_FIELDS.has(name)) return integerFromText(child)
    if (name === 'cats') return arrayElements(child).map(freeValue)
    if (name === 'cc_data') {
      const ccData = freeObject(child)
      return isPlainObject(ccData) && 'id' in ccData
        ? { ...ccData, id: integerFromText(ccData.id) }
        : ccData
    }
    if (name === 'custom_fields') return freeObject(child)
    return freeValue(child)
  })
}

/**
 * A history record parsed from XML (every scalar text) with the JSON types restored where
 * the record schema knows them: integer fields become numbers, `subscriptions` and `cats`
 * arrays (even of one element or empty), `subscription`, `custom_fields`, `cc_data` and
 * `fields` objects (`<x/>` is `{}`). Free-form values stay text.
 */
export function historyRecordFromXml(node: unknown): unknown {
  if (node === '') return {}
  if (!isPlainObject(node)) return freeValue(node)
  return mapEntries(node, (name, child) => {
    if (RECORD_INTEGER_FIELDS.has(name)) return integerFromText(child)
    if (name === 'subscription') return subscriptionValue(child)
    if (name === 'subscriptions') {
      return arrayElements(child, SUBSCRIPTION_FIELDS).map(subscriptionValue)
    }
    if (name === 'fields') return freeObject(child)
    return freeValue(child)
  })
}
