import {
  type ParseOptions,
  type ParseResult,
  UnreadableInputError,
  VendorErrorEnvelopeError,
} from '@evnorm/core'
import { decodeText, describeValue, readInput } from '@evnorm/core/adapter'
import { SMAILY_FEED } from './map-smaily-action.js'
import { flattenPages, isPageList, readPages, topLevelArrays } from './smaily-pages.js'

/** Smaily's "OK" code: not an error, but no rows either. */
const SMAILY_OK = '101'

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
  return describeValue(code)
}

function describeKeys(value: object): string {
  const keys = Object.keys(value)
  if (keys.length === 0) return 'an empty object'
  const shown = keys.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40)))
  return `an object with keys ${shown.join(', ')}${keys.length > 5 ? ', …' : ''}`
}

/**
 * Text that is not one JSON value but two or more top-level arrays (`[…][…]`, one page per
 * line): the pages' rows in order. Undefined for anything else, so the caller keeps the
 * original error. Only runs when reading the input as one value failed.
 */
function readSeveralPages(input: unknown, error: UnreadableInputError): ParseResult | undefined {
  if (error.format !== 'json' || (typeof input !== 'string' && !(input instanceof Uint8Array))) {
    return undefined
  }
  const decoded = decodeText(input)
  const ranges = decoded.success ? topLevelArrays(decoded.text) : undefined
  if (!decoded.success || ranges === undefined) return undefined
  const pages = readPages(decoded.text, ranges)
  if ('records' in pages) return { success: true, format: 'json', ...pages }
  return {
    success: false,
    error: new UnreadableInputError({
      feed: SMAILY_FEED,
      format: 'json',
      reason: pages.message,
      location: pages.location,
    }),
  }
}

/**
 * Reads a history.php response: text or bytes (a JSON array, served by Smaily as text/html;
 * integers above 2^53 kept exact) or NDJSON of rows, or an already-parsed value. A bare array
 * is the rows (`[]`: no rows); several pages (top-level arrays one after another, or an
 * array whose elements are all arrays) are their rows in order, located `page P $[i]`; a Smaily error object (`{ code, message }`, with no row field)
 * is a {@link VendorErrorEnvelopeError} with its code (code 101, Smaily's "OK", holds no rows
 * either: an {@link UnreadableInputError} saying so); one row object is one record; anything
 * else is an {@link UnreadableInputError}. Never throws on data.
 */
export function parseSmailyHistory(input: unknown, options: ParseOptions = {}): ParseResult {
  const read = readInput(input, {
    feed: SMAILY_FEED,
    formats: ['json', 'ndjson'],
    ...(options.format === undefined ? {} : { format: options.format }),
  })
  if (!read.success) return readSeveralPages(input, read.error) ?? read
  if (read.format === 'ndjson') {
    const { records, lines } = read
    return { success: true, format: 'ndjson', records, locate: (index) => `line ${lines[index]}` }
  }
  if (read.format !== 'json' && read.format !== 'value') {
    return unreadable(read.format, `${SMAILY_FEED} reads JSON or NDJSON, not ${read.format}`)
  }
  const { value, format } = read
  if (Array.isArray(value)) {
    if (isPageList(value)) return { success: true, format, ...flattenPages(value) }
    return { success: true, format, records: value, locate: (index) => `$[${index}]` }
  }
  if (typeof value === 'object' && value !== null) {
    if (isErrorObject(value)) {
      const { code, message } = value
      const codeString = codeText(code)
      if (codeString === SMAILY_OK) {
        return unreadable(
          format,
          "got Smaily's code 101 (OK) object, which holds no rows; history.php answers rows as a JSON array",
        )
      }
      return {
        success: false,
        error: new VendorErrorEnvelopeError({
          feed: SMAILY_FEED,
          code: codeString,
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
    `expected an array of Smaily rows or a Smaily error object {code, message}, got ${describeValue(value)}`,
  )
}

function unreadable(format: string, reason: string): ParseResult {
  return { success: false, error: new UnreadableInputError({ feed: SMAILY_FEED, format, reason }) }
}
