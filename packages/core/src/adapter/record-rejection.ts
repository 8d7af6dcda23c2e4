import type { RecordResult } from '../model/adapter.js'
import type { RejectionReason } from '../model/outcome.js'

/** A rejection as an adapter's `normalize` returns it. */
export type RecordRejection = Extract<RecordResult, { readonly success: false }>

/** Where a field sits inside a record: object keys and array indexes. */
export type FieldPath = readonly (string | number)[]

/** Either a value read from a record, or the record's rejection. */
export type Read<T> = { readonly success: true; readonly value: T } | RecordRejection

const QUOTE_LIMIT = 80
const DECIMAL_INTEGER = /^-?[1-9]\d*$/

function cut(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text
}

/** `'text'`, cut at 80 characters, for messages. */
export function quote(text: string): string {
  return `'${cut(text)}'`
}

/** `data[0].email`: a field path as messages write it. */
export function pathText(path: FieldPath): string {
  let text = ''
  for (const part of path)
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`
  return text
}

/**
 * A short description of any value for messages, the same in every feed: its kind and, for a
 * scalar, the value, e.g. `a string ('abc')` (cut at 80 characters), `a number (12)`,
 * `a boolean (true)`, `null`, `an array`, `an object`. Decimal text of an integer beyond 2^53
 * (what lossless JSON parsing makes of such a number) says so.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'string':
      return value.length > 15 &&
        DECIMAL_INTEGER.test(value) &&
        !Number.isSafeInteger(Number(value))
        ? `${cut(value)} (an integer beyond 2^53, or a string of digits)`
        : `a string (${quote(value)})`
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value} (${String(value)})`
    case 'object':
      return 'an object'
    default:
      return typeof value
  }
}

function fieldName(path: FieldPath): string {
  return path.length === 0 ? 'the record' : pathText(path)
}

/** The one way an adapter rejects a record: a stable reason, the field's path, a message. */
export function reject(reason: RejectionReason, path: FieldPath, message: string): RecordRejection {
  return { success: false, reason, message, path }
}

/** `missing_field`: the field at `path` is absent (or a vendor sentinel for absent). */
export function missingField(path: FieldPath, expected: string): RecordRejection {
  return reject('missing_field', path, `${fieldName(path)} is missing; expected ${expected}`)
}

/** `invalid_field`: the field at `path` holds `value`, which is not `expected`. */
export function invalidField(path: FieldPath, value: unknown, expected: string): RecordRejection {
  return reject(
    'invalid_field',
    path,
    `${fieldName(path)} is ${describeValue(value)}; expected ${expected}`,
  )
}

/** A successfully read value. */
export function readValue<T>(value: T): Read<T> {
  return { success: true, value }
}

/**
 * A rejection thrown from deep inside an adapter's readers, for adapters whose readers cannot
 * return results all the way up (a recursive document reader). The adapter's `normalize`
 * catches it and returns its {@link RecordRejectionError.rejection}; core never sees it.
 */
export class RecordRejectionError extends Error {
  /** Stable reason code. */
  readonly reason: RejectionReason
  /** Path of the offending field inside the record. */
  readonly path: FieldPath

  constructor(rejection: RecordRejection) {
    super(rejection.message)
    this.name = 'RecordRejectionError'
    this.reason = rejection.reason
    this.path = rejection.path ?? []
  }

  /** The rejection, as `normalize` returns it. */
  get rejection(): RecordRejection {
    return reject(this.reason, this.path, this.message)
  }
}
