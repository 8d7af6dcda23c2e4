import { readInput } from '../helpers/read-input.js'
import type { InputFormat, ParseOptions, ParseResult } from '../model/adapter.js'
import { UnreadableInputError, type VendorErrorEnvelopeError } from '../model/errors.js'
import { describeValue } from './record-rejection.js'

/** How the records of a JSON feed are laid out. */
export interface JsonRecordLayout {
  /** Feed id, for errors. */
  readonly feed: string
  /** The formats read (default `json` and `ndjson`). */
  readonly formats?: readonly InputFormat[]
  /**
   * Where records live, as the adapter's `jsonRecordPaths`: `[]` a bare top-level array,
   * `['data']` the `data` array of an envelope object; tried in order.
   */
  readonly recordPaths: readonly (readonly string[])[]
  /** A top-level object that is in no record path is one record (e.g. a broker message). */
  readonly singleObject?: boolean
  /** The vendor's error envelope, if the top-level object is one. */
  readonly vendorError?: (
    document: Readonly<Record<string, unknown>>,
  ) => VendorErrorEnvelopeError | undefined
  /** What the records are called in errors (default `records`). */
  readonly recordsName?: string
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function arrayAt(value: unknown, path: readonly string[]): readonly unknown[] | undefined {
  let at: unknown = value
  for (const key of path) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined
    at = at[key]
  }
  return Array.isArray(at) ? at : undefined
}

function pathPrefix(path: readonly string[]): string {
  return `$${path.map((key) => (/^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join('')}`
}

/**
 * Creates the `parse` of a JSON feed: a JSON array, an envelope, one object (with
 * `singleObject`) or NDJSON, as text, bytes or an already-parsed value. Never throws on data.
 */
export function createJsonRecordParser(
  layout: JsonRecordLayout,
): (input: unknown, options?: ParseOptions) => ParseResult {
  const formats = layout.formats ?? ['json', 'ndjson']
  const recordsName = layout.recordsName ?? 'records'
  const unreadable = (format: string, reason: string): ParseResult => ({
    success: false,
    error: new UnreadableInputError({ feed: layout.feed, format, reason }),
  })
  return (input, options = {}) => {
    const read = readInput(input, {
      feed: layout.feed,
      formats,
      ...(options.format === undefined ? {} : { format: options.format }),
    })
    if (!read.success) return read
    if (read.format === 'ndjson') {
      const { records, lines } = read
      return { success: true, format: 'ndjson', records, locate: (index) => `line ${lines[index]}` }
    }
    if (!('value' in read))
      return unreadable(read.format, `${layout.feed} does not read ${read.format}`)
    const { value } = read
    const error = isObject(value) ? layout.vendorError?.(value) : undefined
    if (error !== undefined) return { success: false, error }
    for (const path of layout.recordPaths) {
      const records = arrayAt(value, path)
      if (records === undefined) continue
      const prefix = pathPrefix(path)
      return {
        success: true,
        format: read.format,
        records,
        locate: (index) => `${prefix}[${index}]`,
      }
    }
    if (layout.singleObject === true && isObject(value))
      return { success: true, format: read.format, records: [value], locate: () => '$' }
    return unreadable(
      read.format,
      `the document is ${describeValue(value)}; expected ${layout.recordPaths.some((path) => path.length === 0) ? `a JSON array of ${recordsName}` : `an envelope with ${recordsName}`}${layout.singleObject === true ? ' or one object' : ''}`,
    )
  }
}
