import {
  exceedsNestingDepth,
  pathText as fieldName,
  MAX_NESTING_DEPTH,
  RecordRejectionError,
  reject,
  invalidField as rejectInvalidField,
} from '@evnorm/core/adapter'

/** Path of an object inside a record (`[]` for the record itself). */
export type FieldPath = readonly (string | number)[]

/** The path of the record itself. */
export const RECORD_PATH: FieldPath = Object.freeze([])

const DECIMAL = /^\d+$/
const ZEROS = /^0+$/

/** The `invalid_field` problem of field `key` of the object at `at`. */
export function invalidField(
  at: FieldPath,
  key: string | number,
  value: unknown,
  expected: string,
): RecordRejectionError {
  return new RecordRejectionError(rejectInvalidField([...at, key], value, expected))
}

/** A plain object (not null, not an array), as a string-keyed record. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function impreciseInteger(at: FieldPath, key: string, value: number): RecordRejectionError {
  const path = [...at, key]
  return new RecordRejectionError(
    reject(
      'imprecise_integer',
      path,
      `${fieldName(path)}: ${value} is above 2^53 and was already rounded by JSON.parse; pass the response text so the exact digits are kept`,
    ),
  )
}

/**
 * An optional text field (`value` is field `key` of the object at `at`); `""`, null and
 * absence all mean absent (Altcraft's sentinel). A number reads as its decimal text, the way
 * XML and CSV carry it, so a field gives the same value in every format (`status: 7` and
 * `<status>7</status>` are both `'7'`).
 */
export function readText(value: unknown, at: FieldPath, key: string): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw impreciseInteger(at, key, value)
    }
    return String(value)
  }
  throw invalidField(at, key, value, 'a string')
}

/** An optional channel string; `0` and `"0"` are absent too (A11: XML renders some channels as `0`). */
export function readChannelText(value: unknown, at: FieldPath, key: string): string | undefined {
  const text = readText(value, at, key)
  return text === '0' ? undefined : text
}

/**
 * An optional integer identifier field as an exact decimal string: a safe non-negative JS
 * integer, or a decimal string (core's lossless JSON reader gives integers above 2^53 that
 * way, XML and CSV give text). `0` (also written `00`…) means absent where Altcraft uses it
 * as "none" (`zeroIsAbsent`).
 */
export function readIntegerId(
  value: unknown,
  at: FieldPath,
  key: string,
  zeroIsAbsent: boolean,
): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0)
      throw invalidField(at, key, value, 'a non-negative integer id')
    if (!Number.isSafeInteger(value)) throw impreciseInteger(at, key, value)
    return value === 0 && zeroIsAbsent ? undefined : String(value)
  }
  if (typeof value === 'string') {
    if (value === '') return undefined
    if (DECIMAL.test(value)) return zeroIsAbsent && ZEROS.test(value) ? undefined : value
  } else if (value === undefined || value === null) {
    return undefined
  }
  throw invalidField(at, key, value, 'a non-negative integer id')
}

/** An optional safe-integer field, at least `min`; `""` (an empty XML element), null and absence mean absent. */
export function readInteger(
  value: unknown,
  at: FieldPath,
  key: string,
  min: number,
): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value
  throw invalidField(at, key, value, min === 1 ? 'a positive integer' : 'an integer')
}

/** An optional object field; null, absence and `{}` mean absent. */
export function readObject(
  value: unknown,
  at: FieldPath,
  key: string | number,
): Record<string, unknown> | undefined {
  if (isPlainObject(value)) {
    for (const _ in value) return value
    return undefined
  }
  if (value === undefined || value === null) return undefined
  throw invalidField(at, key, value, 'an object')
}

/**
 * An optional object field that the event carries verbatim (`fields`, `custom_fields`), as
 * {@link readObject}; nesting deeper than core's `MAX_NESTING_DEPTH` is an `invalid_field`
 * (such a value could not be serialized or validated safely).
 */
export function readVerbatimObject(
  value: unknown,
  at: FieldPath,
  key: string,
): Record<string, unknown> | undefined {
  const object = readObject(value, at, key)
  if (object === undefined || !exceedsNestingDepth(object)) return object
  const path = [...at, key]
  throw new RecordRejectionError(
    reject(
      'invalid_field',
      path,
      `${fieldName(path)}: nests objects or arrays more than ${MAX_NESTING_DEPTH} levels deep, the limit for values copied verbatim into an event`,
    ),
  )
}

/** An optional array field; null and absence mean absent. */
export function readArray(
  value: unknown,
  at: FieldPath,
  key: string,
): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (value === undefined || value === null) return undefined
  throw invalidField(at, key, value, 'an array')
}
