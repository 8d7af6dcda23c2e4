import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import type { Rejection } from '../model/outcome.js'
import { PERSONAL_DATA_CLASSES, type PersonalDataClass } from '../model/personal-data.js'
import { keyedHash } from './keyed-hash.js'
import { type PersonalField, personalFields } from './privacy-plan.js'

/** What to do with the personal data of one class. */
export const PERSONAL_DATA_ACTIONS = ['keep', 'drop', 'hash'] as const

/** `keep` it, `drop` the field, or `hash` it (HMAC-SHA-256 under a key you hold). */
export type PersonalDataAction = (typeof PERSONAL_DATA_ACTIONS)[number]

/** The shortest hash key accepted, in bytes. */
export const MIN_HASH_KEY_BYTES = 16

/** Options of {@link createPrivacy}, and the `privacy` option of every normalize entry point. */
export interface PrivacyOptions {
  /**
   * The action for each class of personal data; `all` sets every class not named, and a
   * class named by neither is kept. E.g. `{ all: 'hash', geo: 'drop' }`.
   */
  readonly actions: Readonly<Partial<Record<PersonalDataClass | 'all', PersonalDataAction>>>
  /**
   * The HMAC key `hash` needs (at least {@link MIN_HASH_KEY_BYTES} bytes; a string is taken as
   * UTF-8). Keep it secret and the same across runs and feeds, so a person hashes alike.
   */
  readonly hashKey?: string | Uint8Array
}

/** A privacy policy: drops or hashes the personal data of events and rejections. */
export interface Privacy {
  /** The action of every class. */
  readonly actions: Readonly<Record<PersonalDataClass, PersonalDataAction>>
  /** True when some class is not kept (the policy changes output). */
  readonly active: boolean
  /**
   * The event with its personal fields dropped or hashed: a copy, the event itself when
   * nothing is personal. A field holding a number (a coordinate) is dropped under `hash`, and a
   * value the vendor already hashed is kept as it is. The event id is left as it was.
   */
  event(event: CanonicalEvent): CanonicalEvent
  /**
   * The rejection with its raw record handled as the `raw` class says: dropped (`null`), or
   * hashed field by field (every string and number; keys, booleans and nulls stay); its
   * message then says so.
   */
  rejection(rejection: Rejection): Rejection
}

/** What a rejection's message ends with once its raw record was dropped. */
export const RAW_DROPPED_NOTE = '(raw record dropped: personal data)'
/** What a rejection's message ends with once its raw record was hashed. */
export const RAW_HASHED_NOTE = '(raw record hashed field by field: personal data)'

const REMOVE = Symbol('remove')

/**
 * Builds a {@link Privacy} policy. Throws (programmer misuse) on an unknown class or action,
 * and when a class is hashed without a key of {@link MIN_HASH_KEY_BYTES} bytes or more.
 */
export function createPrivacy(options: PrivacyOptions): Privacy {
  const actions = resolveActions(options.actions)
  const hashing = PERSONAL_DATA_CLASSES.some((personal) => actions[personal] === 'hash')
  const key = hashing ? hashKeyBytes(options.hashKey) : new Uint8Array()
  const active = PERSONAL_DATA_CLASSES.some((personal) => actions[personal] !== 'keep')

  const hashValue = (value: unknown, personal: PersonalDataClass): unknown => {
    if (typeof value === 'string') return keyedHash(key, personal, value)
    if (typeof value === 'number' || typeof value === 'bigint') {
      return keyedHash(key, personal, String(value))
    }
    if (Array.isArray(value)) return value.map((item) => hashValue(item, personal))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([name, item]) => [name, hashValue(item, personal)]),
      )
    }
    return value
  }

  const change = (field: PersonalField, value: unknown): unknown => {
    const action = actions[field.personal]
    if (action === 'drop') return REMOVE
    if (field.vendorHashed) return value
    if (field.holds === 'number' && typeof value === 'number') return REMOVE
    return hashValue(value, field.personal)
  }

  return {
    actions,
    active,
    event(event) {
      if (!active) return event
      let result: unknown = event
      for (const field of personalFields(event.type)) {
        if (actions[field.personal] === 'keep') continue
        result = update(result, field.path, 0, (value) => change(field, value))
      }
      return result as CanonicalEvent
    },
    rejection(rejection) {
      const action = actions.raw
      if (action === 'keep') return rejection
      const note = action === 'drop' ? RAW_DROPPED_NOTE : RAW_HASHED_NOTE
      return {
        ...rejection,
        message: rejection.message.endsWith(note)
          ? rejection.message
          : `${rejection.message} ${note}`,
        raw: action === 'drop' ? null : hashValue(rejection.raw, 'raw'),
      }
    },
  }
}

function resolveActions(
  given: PrivacyOptions['actions'],
): Readonly<Record<PersonalDataClass, PersonalDataAction>> {
  for (const [name, action] of Object.entries(given)) {
    if (name !== 'all' && !(PERSONAL_DATA_CLASSES as readonly string[]).includes(name)) {
      throw new TypeError(
        `unknown personal data class '${name}': use all or ${PERSONAL_DATA_CLASSES.join(', ')}`,
      )
    }
    if (!(PERSONAL_DATA_ACTIONS as readonly unknown[]).includes(action)) {
      throw new TypeError(`unknown action '${String(action)}' for ${name}: use keep, drop or hash`)
    }
  }
  const fallback = given.all ?? 'keep'
  return Object.fromEntries(
    PERSONAL_DATA_CLASSES.map((personal) => [personal, given[personal] ?? fallback]),
  ) as Record<PersonalDataClass, PersonalDataAction>
}

function hashKeyBytes(key: string | Uint8Array | undefined): Uint8Array {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key
  if (bytes === undefined || bytes.length === 0) {
    throw new TypeError('hashing personal data needs a hashKey')
  }
  if (bytes.length < MIN_HASH_KEY_BYTES) {
    throw new RangeError(
      `the hash key has ${bytes.length} bytes; use at least ${MIN_HASH_KEY_BYTES} (e.g. 32 random bytes as hex)`,
    )
  }
  return Uint8Array.from(bytes)
}

/** `value` with `change` applied at `path` from `at`, copied along the way; untouched when absent. */
function update(
  value: unknown,
  path: readonly string[],
  at: number,
  change: (found: unknown) => unknown,
): unknown {
  const name = path[at]
  if (name === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value
  }
  if (!Object.hasOwn(value, name)) return value
  const current = (value as Record<string, unknown>)[name]
  let next: unknown
  if (at === path.length - 1) next = change(current)
  else if (path[at + 1] === '[]') {
    next = Array.isArray(current)
      ? current.map((item) => update(item, path, at + 2, change))
      : current
  } else next = update(current, path, at + 1, change)
  if (next === current) return value
  const copy: Record<string, unknown> = { ...value }
  if (next === REMOVE) delete copy[name]
  else copy[name] = next
  return copy
}
