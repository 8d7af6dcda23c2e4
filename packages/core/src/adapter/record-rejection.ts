import type { RecordResult } from '../model/adapter.js'
import type { RejectionReason } from '../model/outcome.js'

/** A rejection as an adapter's `normalize` returns it. */
export type RecordRejection = Extract<RecordResult, { readonly success: false }>

/** Where a field sits inside a record: object keys and array indexes. */
export type FieldPath = readonly (string | number)[]

/** Either a value read from a record, or the record's rejection. */
export type Read<T> = { readonly success: true; readonly value: T } | RecordRejection

const SHOWN_TEXT = 60

/** `a.b[2].c`: a field path as messages write it (`the record` for the empty path). */
export function pathText(path: FieldPath): string {
  let text = ''
  for (const part of path)
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`
  return text === '' ? 'the record' : text
}

/**
 * A short description of any value for messages: its kind and, for a scalar, the value
 * (strings cut to 60 characters), e.g. `a string ("abc")`, `a number (12)`, `an object`.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  switch (typeof value) {
    case 'string': {
      const shown = value.length > SHOWN_TEXT ? `${value.slice(0, SHOWN_TEXT)}…` : value
      return `a string (${JSON.stringify(shown)})`
    }
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

/** The one way an adapter rejects a record: a stable reason, the field's path, a message. */
export function reject(reason: RejectionReason, path: FieldPath, message: string): RecordRejection {
  return { success: false, reason, message, path }
}

/** `missing_field`: the field at `path` is absent (or a vendor sentinel for absent). */
export function missingField(path: FieldPath, expected: string): RecordRejection {
  return reject('missing_field', path, `${pathText(path)} is missing; expected ${expected}`)
}

/** `invalid_field`: the field at `path` holds `value`, which is not `expected`. */
export function invalidField(path: FieldPath, value: unknown, expected: string): RecordRejection {
  return reject(
    'invalid_field',
    path,
    `${pathText(path)} is ${describeValue(value)}; expected ${expected}`,
  )
}

/** A successfully read value. */
export function readValue<T>(value: T): Read<T> {
  return { success: true, value }
}
