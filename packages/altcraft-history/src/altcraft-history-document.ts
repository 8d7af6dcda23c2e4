import {
  type InputFormat,
  type ParseResult,
  UnreadableInputError,
  VendorErrorEnvelopeError,
} from '@evnorm/core'
import { describeValue } from '@evnorm/core/adapter'
import { isPlainObject } from './altcraft-fields.js'
import { ALTCRAFT_HISTORY_FEED } from './altcraft-history-event-id.js'

/** Where records of a document sit: `(index) => locator` for records of `data`, or of a bare array. */
export interface DocumentLocators {
  /** Locator of element `index` of the envelope's `data`. */
  readonly data: (index: number) => string
  /** Locator of element `index` of a bare top-level array. */
  readonly array: (index: number) => string
  /** Locator of a document that is a single record. */
  readonly single: string
}

/** Locators of a JSON document or an already-parsed value. */
export const JSON_LOCATORS: DocumentLocators = {
  data: (index) => `$.data[${index}]`,
  array: (index) => `$[${index}]`,
  single: '$',
}

function isEnvelope(value: Record<string, unknown>): boolean {
  return !('action' in value) && ('data' in value || 'error' in value || 'error_text' in value)
}

function isSuccessCode(error: unknown): boolean {
  if (error === undefined || error === null || error === 0 || error === '') return true
  return typeof error === 'string' && error.trim() !== '' && Number(error) === 0
}

function errorCode(error: unknown): string {
  if (typeof error === 'string') return error
  if (typeof error === 'number' || typeof error === 'boolean') return String(error)
  const text = JSON.stringify(error) ?? String(error)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

function unreadable(format: string, reason: string): ParseResult {
  return {
    success: false,
    error: new UnreadableInputError({ feed: ALTCRAFT_HISTORY_FEED, format, reason }),
  }
}

/**
 * Reads a history document (JSON value, or XML already turned into JSON types): an envelope
 * `{data, error, error_text}` (`error` other than 0 is a vendor error), a bare array of
 * records, or one record object.
 */
export function readAltcraftHistoryDocument(
  value: unknown,
  format: InputFormat | 'value',
  locators: DocumentLocators,
): ParseResult {
  if (Array.isArray(value)) return { success: true, format, records: value, locate: locators.array }
  if (!isPlainObject(value)) {
    return unreadable(
      format,
      `the document is ${describeValue(value)}; expected a history response {data, error, error_text}, an array of records or one record`,
    )
  }
  if (!isEnvelope(value)) {
    return { success: true, format, records: [value], locate: () => locators.single }
  }
  if (!isSuccessCode(value.error)) {
    return {
      success: false,
      error: new VendorErrorEnvelopeError({
        feed: ALTCRAFT_HISTORY_FEED,
        code: errorCode(value.error),
        vendorMessage: typeof value.error_text === 'string' ? value.error_text : '',
        envelope: value,
      }),
    }
  }
  const data = value.data
  if (Array.isArray(data)) return { success: true, format, records: data, locate: locators.data }
  if (data === undefined || data === null || data === '') {
    return { success: true, format, records: [], locate: locators.data }
  }
  if (isPlainObject(data)) return { success: true, format, records: [data], locate: locators.data }
  return unreadable(format, `data is ${describeValue(data)}; expected an array of history records`)
}
