import { type FieldPath, invalidField, type Read, readValue } from './record-rejection.js'

/** A record as the readers see it: a plain object. */
export type VendorRecord = Readonly<Record<string, unknown>>

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is VendorRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fieldOf(record: VendorRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

/** An optional text field: absent for `undefined`, `null` or `""`; else a string. */
export function readText(
  record: VendorRecord,
  key: string,
  at: FieldPath = [],
): Read<string | undefined> {
  const value = fieldOf(record, key)
  if (isAbsent(value)) return readValue(undefined)
  return typeof value === 'string'
    ? readValue(value)
    : invalidField([...at, key], value, 'a string')
}

/**
 * An optional identifier: a non-empty string as it is, or a safe non-negative integer as its
 * decimal text (vendor identifiers are canonical strings).
 */
export function readIdentifier(
  record: VendorRecord,
  key: string,
  at: FieldPath = [],
): Read<string | undefined> {
  const value = fieldOf(record, key)
  if (isAbsent(value)) return readValue(undefined)
  if (typeof value === 'string') return readValue(value)
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    return readValue(String(value))
  return invalidField([...at, key], value, 'an identifier (a string or a whole number)')
}

/** An optional whole number, also as decimal text (`"5"`), at least `min`. */
export function readInteger(
  record: VendorRecord,
  key: string,
  at: FieldPath = [],
  min = Number.MIN_SAFE_INTEGER,
): Read<number | undefined> {
  const value = fieldOf(record, key)
  if (isAbsent(value)) return readValue(undefined)
  const number = typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value
  if (typeof number === 'number' && Number.isSafeInteger(number) && number >= min)
    return readValue(number)
  return invalidField([...at, key], value, `a whole number of at least ${min}`)
}

/** An optional boolean (also `0`/`1`, as some vendors send flags). */
export function readBoolean(
  record: VendorRecord,
  key: string,
  at: FieldPath = [],
): Read<boolean | undefined> {
  const value = fieldOf(record, key)
  if (value === undefined || value === null) return readValue(undefined)
  if (typeof value === 'boolean') return readValue(value)
  if (value === 0 || value === 1) return readValue(value === 1)
  return invalidField([...at, key], value, 'a boolean')
}

/** An object without its `undefined` values, as optional fields. */
export type Compact<T> = { [K in keyof T]?: Exclude<T[K], undefined> }

/**
 * `value` without the keys whose value is `undefined` (canonical fields are left out when
 * absent, never `undefined`), or `undefined` when no key is left.
 */
export function compact<T extends object>(value: T): Compact<T> | undefined {
  const kept: Record<string, unknown> = {}
  let empty = true
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue
    kept[key] = item
    empty = false
  }
  return empty ? undefined : (kept as Compact<T>)
}
