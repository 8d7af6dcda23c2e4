import type { InputFormat } from '../model/adapter.js'
import { isBlank } from './blank-text.js'
import { parseJsonLossless } from './lossless-json.js'
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js'

/** What {@link decodeText} returns: the text, or why the bytes are not UTF-8. */
export type TextResult =
  | { readonly success: true; readonly text: string }
  | {
      readonly success: false
      /** Readable message naming the offset of the first invalid byte. */
      readonly message: string
    }

/**
 * Turns an input into text: strings pass through, bytes are decoded as UTF-8 (invalid UTF-8
 * is a failure naming the byte offset); a leading BOM is dropped in both cases.
 */
export function decodeText(input: string | Uint8Array): TextResult {
  const decoder = new Utf8ChunkDecoder()
  const decoded = decoder.push(input)
  const ended = decoded.error ?? decoder.end().error
  if (ended !== undefined) return { success: false, message: ended.message }
  return { success: true, text: decoded.text }
}

/**
 * Guesses the format of a text from its start, ignoring leading whitespace: `<` is XML, `[`
 * JSON; `{` is NDJSON when its first line alone is a complete JSON value and another non-blank
 * line follows, JSON otherwise; any other text is CSV when its first line holds `,`, `;` or a
 * tab. Undefined when none fits.
 */
export function sniffFormat(text: string): InputFormat | undefined {
  const start = text.search(/\S/)
  if (start === -1) return undefined
  const first = text.charAt(start)
  if (first === '<') return 'xml'
  if (first === '[') return 'json'
  const newline = text.indexOf('\n', start)
  const lineEnd = newline === -1 ? text.length : newline
  if (first === '{') {
    if (newline === -1 || isBlank(text, newline + 1)) return 'json'
    return parseJsonLossless(text.slice(start, lineEnd)).success ? 'ndjson' : 'json'
  }
  return /[,;\t]/.test(text.slice(start, lineEnd)) ? 'csv' : undefined
}
