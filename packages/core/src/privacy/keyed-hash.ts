import { createHmac } from 'node:crypto'
import type { PersonalDataClass } from '../model/personal-data.js'

/** What every value evnorm hashed starts with; the rest is 64 lower-case hex digits. */
export const HASH_PREFIX = 'hmac-sha256:'

const HASHED = /^hmac-sha256:[0-9a-f]{64}$/

/** True when `value` is already a value evnorm hashed (`hmac-sha256:` and 64 hex digits). */
export function isKeyedHash(value: string): boolean {
  return HASHED.test(value)
}

/**
 * The text a value of `personal` is hashed as, so one person hashes alike in every feed and
 * run: an email trimmed and lower-cased; a phone as `+` and its digits; an IP trimmed and
 * lower-cased; anything else exactly as given.
 */
export function hashInput(personal: PersonalDataClass, value: string): string {
  switch (personal) {
    case 'email':
    case 'ip':
      return value.trim().toLowerCase()
    case 'phone': {
      const digits = value.replace(/\D/g, '')
      return digits === '' ? value.trim() : `+${digits}`
    }
    default:
      return value
  }
}

/**
 * `hmac-sha256:` and the lower-case hex HMAC-SHA-256 under `key` of the UTF-8 of
 * {@link hashInput}; a value that is already such a hash is returned as it is.
 */
export function keyedHash(key: Uint8Array, personal: PersonalDataClass, value: string): string {
  if (isKeyedHash(value)) return value
  return HASH_PREFIX + createHmac('sha256', key).update(hashInput(personal, value)).digest('hex')
}
