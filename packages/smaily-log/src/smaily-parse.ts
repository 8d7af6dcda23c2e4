import {
  type ParseOptions,
  type ParseResult,
  readInput,
  UnreadableInputError,
  VendorErrorEnvelopeError,
} from '@evnorm/core'
import { SMAILY_FEED } from './map-smaily-action.js'
import { describeType } from './smaily-identifier.js'

const ROW_KEYS = ['action', 'time', 'email', 'seq_id']

function isRow(value: object): boolean {
  return ROW_KEYS.some((key) => Object.hasOwn(value, key))
}

function isErrorObject(value: object): value is { code: unknown; message?: unknown } {
  return Object.hasOwn(value, 'code') && !isRow(value)
}

function codeText(code: unknown): string {
  if (typeof code === 'string') return code
  if (typeof code === 'number' || typeof code === 'bigint' || typeof code === 'boolean') {
    return String(code)
  }
  return describeType(code)
}

function describeKeys(value: object): string {
  const keys = Object.keys(value)
  if (keys.length === 0) return 'an empty object'
  const shown = keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40)))
  return `an object with keys ${shown.join(', ')}${keys.length > 5 ? ', …' : ''}`
}

/**
 * Reads a history.php response: text or bytes (a JSON array, served by Smaily as text/html;
 * integers above 2^53 kept exact) or NDJSON of rows, or an already-parsed value. A bare array
 * is the rows (`[]`: no rows); a Smaily error object (`{ code, message }`, with no row field)
 * is a {@link VendorErrorEnvelopeError} with its code; one row object is one record; anything
 * else is an {@link UnreadableInputError}. Never throws on data.
 */
export function parseSmailyHistory(input: unknown, options: ParseOptions = {}): ParseResult {
  const read = readInput(input, {
    feed: SMAILY_FEED,
    formats: ['json', 'ndjson'],
    ...(options.format === undefined ? {} : { format: options.format }),
  })
  if (!read.success) return read
  if (read.format === 'ndjson') {
    const { records, lines } = read
    return { success: true, format: 'ndjson', records, locate: (index) => `line ${lines[index]}` }
  }
  if (read.format !== 'json' && read.format !== 'value') {
    return unreadable(read.format, `${SMAILY_FEED} reads JSON or NDJSON, not ${read.format}`)
  }
  const { value, format } = read
  if (Array.isArray(value)) {
    return { success: true, format, records: value, locate: (index) => `$[${index}]` }
  }
  if (typeof value === 'object' && value !== null) {
    if (isErrorObject(value)) {
      const { code, message } = value
      return {
        success: false,
        error: new VendorErrorEnvelopeError({
          feed: SMAILY_FEED,
          code: codeText(code),
          vendorMessage: typeof message === 'string' ? message : '',
          envelope: value,
        }),
      }
    }
    if (isRow(value)) return { success: true, format, records: [value], locate: () => '$' }
    return unreadable(
      format,
      `expected an array of Smaily rows or a Smaily error object {code, message}, got ${describeKeys(value)}`,
    )
  }
  return unreadable(
    format,
    `expected an array of Smaily rows or a Smaily error object {code, message}, got ${describeType(value)}`,
  )
}

function unreadable(format: string, reason: string): ParseResult {
  return { success: false, error: new UnreadableInputError({ feed: SMAILY_FEED, format, reason }) }
}
