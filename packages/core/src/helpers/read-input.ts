import { INPUT_FORMATS, type InputFormat } from '../model/adapter.js'
import { UnreadableInputError } from '../model/errors.js'
import { parseJsonLossless } from './lossless-json.js'
import { parseNdjson } from './ndjson.js'
import { decodeText, sniffFormat } from './text-input.js'

/** What {@link readInput} found: a JSON value, NDJSON records, or XML/CSV text to parse. */
export type ReadInputResult =
  | { readonly success: true; readonly format: 'value' | 'json'; readonly value: unknown }
  | {
      readonly success: true
      readonly format: 'ndjson'
      readonly records: unknown[]
      /** 1-based line number of each record. */
      readonly lines: number[]
    }
  | { readonly success: true; readonly format: 'xml' | 'csv'; readonly text: string }
  | { readonly success: false; readonly error: UnreadableInputError }

/** Options of {@link readInput}. */
export interface ReadInputOptions {
  /** Feed id, for error messages. */
  readonly feed: string
  /** The formats the adapter reads. */
  readonly formats: readonly InputFormat[]
  /** The format, when the caller knows it; detected from the text otherwise. */
  readonly format?: InputFormat
}

/**
 * The first step of every adapter's `parse`: strings and bytes are decoded (UTF-8, BOM
 * dropped), their format detected, JSON parsed keeping integers above 2^53 exact and NDJSON
 * split into records; any other value counts as already parsed. Never throws on data.
 */
export function readInput(input: unknown, options: ReadInputOptions): ReadInputResult {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    return { success: true, format: 'value', value: input }
  }
  const fail = (format: string, reason: string, location?: string): ReadInputResult => ({
    success: false,
    error: new UnreadableInputError({
      feed: options.feed,
      format,
      reason,
      ...(location === undefined ? {} : { location }),
    }),
  })
  const decoded = decodeText(input)
  if (!decoded.success) return fail(options.format ?? 'text', decoded.message)
  const text = decoded.text
  if (text.trim() === '') {
    if (options.format === 'ndjson')
      return { success: true, format: 'ndjson', records: [], lines: [] }
    return fail(options.format ?? 'text', 'the input is empty')
  }
  const format = options.format ?? sniffFormat(text)
  if (format === undefined || !INPUT_FORMATS.includes(format)) {
    return fail('text', `cannot tell its format; pass one of ${options.formats.join(', ')}`)
  }
  if (!options.formats.includes(format)) {
    return fail(format, `${options.feed} reads ${options.formats.join(', ')}, not ${format}`)
  }
  if (format === 'ndjson') return { success: true, format, ...parseNdjson(text) }
  if (format === 'json') {
    const parsed = parseJsonLossless(text)
    if (!parsed.success) {
      return fail(
        'json',
        parsed.message,
        parsed.position === undefined ? undefined : describePosition(text, parsed.position),
      )
    }
    return { success: true, format, value: parsed.value }
  }
  return { success: true, format, text }
}

/** `line L, column C` of a character offset, for error messages. */
export function describePosition(text: string, offset: number): string {
  let line = 1
  let lineStart = 0
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++
    lineStart = at + 1
  }
  return `line ${line}, column ${offset - lineStart + 1}`
}
