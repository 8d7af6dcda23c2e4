import { isBlank } from './blank-text.js'
import { parseRecordText } from './record-text.js'
import { MAX_TEXT_LENGTH, tooLongMessage } from './text-limit.js'
import { decodeChunks } from './utf8-chunk-decoder.js'

const CARRIAGE_RETURN = 13

/**
 * Splits NDJSON text (`\n` or `\r\n` line ends) into records parsed with
 * `parseJsonLossless`. Blank lines (JSON whitespace only) are skipped; a line that is not
 * JSON becomes an `UnparseableRecord` in its place. `lines[i]` is the 1-based line
 * number of `records[i]`, counted from `firstLine` (default 1). A line longer than
 * `maxTextLength` characters ends the records before it, with an `error` saying so.
 */
export function parseNdjson(
  text: string,
  options: { readonly firstLine?: number; readonly maxTextLength?: number } = {},
): {
  readonly records: unknown[]
  readonly lines: number[]
  readonly error?: { readonly message: string; readonly line: number }
} {
  const records: unknown[] = []
  const lines: number[] = []
  const limit = options.maxTextLength ?? MAX_TEXT_LENGTH
  let line = (options.firstLine ?? 1) - 1
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    line++
    if (end - start > limit) {
      return { records, lines, error: { message: tooLongMessage('the line', limit), line } }
    }
    const stop = end > start && text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end
    if (!isBlank(text, start, stop)) {
      records.push(parseRecordText(text.slice(start, stop)))
      lines.push(line)
    }
    start = end + 1
  }
  return { records, lines }
}

/** One item of {@link readLines}: a non-blank line, or the error that ended the input. */
export type LineItem =
  | { readonly text: string; readonly line: number }
  | { readonly error: string; readonly line: number }

/**
 * Yields the non-blank lines of a chunked source (strings or UTF-8 bytes, sync or async
 * iterable) with their 1-based line numbers, without their `\n` or `\r\n`. Characters and
 * `\r\n` split between chunks are joined; only the current partial line is buffered. Invalid
 * UTF-8, or a line longer than `maxTextLength` characters (default {@link MAX_TEXT_LENGTH},
 * the longest string V8 holds), yields one final `{ error }` item after the lines before it.
 * A leading BOM is dropped.
 */
export async function* readLines(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: { readonly maxTextLength?: number } = {},
): AsyncGenerator<LineItem> {
  for await (const items of readLineChunks(source, options)) yield* items
}

/**
 * {@link readLines}, yielding the lines each chunk completes as one array (never empty), so
 * that a caller pays one asynchronous step per chunk rather than one per line.
 */
export async function* readLineChunks(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: { readonly maxTextLength?: number } = {},
): AsyncGenerator<LineItem[]> {
  const splitter = new LineSplitter(options.maxTextLength ?? MAX_TEXT_LENGTH)
  for await (const decoded of decodeChunks(source)) {
    const items = splitter.push(decoded.text)
    if (items.length > 0) yield items
    if (splitter.failed) return
    if (decoded.error !== undefined) {
      yield [{ error: decoded.error.message, line: splitter.line }]
      return
    }
  }
  const last = splitter.end()
  if (last.length > 0) yield last
}

/** Cuts text pieces into lines, holding only the pieces of the unfinished line. */
class LineSplitter {
  /** 1-based number of the line being read. */
  line = 1
  /** True once a line outgrew the limit: an error item was produced and nothing follows. */
  failed = false
  readonly #limit: number
  #partial: string[] = []
  #partialLength = 0

  constructor(limit: number) {
    this.#limit = limit
  }

  /** The lines that `text` completes. */
  push(text: string): LineItem[] {
    if (this.failed) return []
    const items: LineItem[] = []
    let start = 0
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const item = this.#finish(text.slice(start, newline))
      if (item !== undefined) items.push(item)
      if (this.failed) return items
      start = newline + 1
      this.line++
    }
    if (start < text.length) {
      this.#partial.push(start === 0 ? text : text.slice(start))
      this.#partialLength += text.length - start
      if (this.#partialLength > this.#limit) items.push(this.#tooLong())
    }
    return items
  }

  /** The last line, when the text does not end with a line break. */
  end(): LineItem[] {
    if (this.failed) return []
    const item = this.#finish('')
    return item === undefined ? [] : [item]
  }

  #finish(tail: string): LineItem | undefined {
    let text = tail
    if (this.#partial.length > 0) {
      if (this.#partialLength + tail.length > this.#limit) return this.#tooLong()
      this.#partial.push(tail)
      text = this.#partial.join('')
      this.#partial = []
      this.#partialLength = 0
    } else if (tail.length > this.#limit) {
      return this.#tooLong()
    }
    const end = text.charCodeAt(text.length - 1) === CARRIAGE_RETURN ? text.length - 1 : text.length
    if (isBlank(text, 0, end)) return undefined
    return { text: end === text.length ? text : text.slice(0, end), line: this.line }
  }

  #tooLong(): LineItem {
    this.failed = true
    this.#partial = []
    return { error: tooLongMessage('the line', this.#limit), line: this.line }
  }
}
