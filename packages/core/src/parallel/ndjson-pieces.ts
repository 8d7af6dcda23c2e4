import { isBlank } from '../helpers/blank-text.js'
import { tooLongMessage } from '../helpers/text-limit.js'

/** Whole NDJSON lines, with the number of their first line and of their first record. */
export interface LinePiece {
  readonly text: string
  readonly firstLine: number
  readonly firstIndex: number
}

const OPEN_BRACE = 123

/**
 * Cuts decoded NDJSON text into pieces of whole lines of about `size` characters, numbering
 * lines and records (non-blank lines) as `readLines` does, so each piece can be read on its
 * own. Only the unfinished last line is checked against `limit` here (the reader of a piece
 * checks its whole lines): once it outgrows it, {@link NdjsonPieces.tooLong} says so.
 */
export class NdjsonPieces {
  readonly #size: number
  readonly #limit: number
  #whole: string[] = []
  #wholeLength = 0
  #tail: string[] = []
  #tailLength = 0
  #line = 1
  #records = 0
  /** The error once the unfinished line outgrew the limit. */
  tooLong: { readonly message: string; readonly line: number } | undefined

  constructor(size: number, limit: number) {
    this.#size = size
    this.#limit = limit
  }

  /** The 1-based number of the line being read. */
  get line(): number {
    return this.#line
  }

  /** The pieces `text` completes. */
  push(text: string): LinePiece[] {
    if (this.tooLong !== undefined) return []
    const newline = text.lastIndexOf('\n')
    if (newline === -1) {
      this.#tail.push(text)
      this.#tailLength += text.length
    } else {
      this.#whole.push(...this.#tail, text.slice(0, newline + 1))
      this.#wholeLength += this.#tailLength + newline + 1
      this.#tail = newline + 1 === text.length ? [] : [text.slice(newline + 1)]
      this.#tailLength = text.length - newline - 1
    }
    if (this.#tailLength > this.#limit) {
      const pieces = this.flush()
      this.tooLong = { message: tooLongMessage('the line', this.#limit), line: this.#line }
      return pieces
    }
    return this.#wholeLength >= this.#size ? this.flush() : []
  }

  /** The whole lines read so far, as a piece (none when there are none). */
  flush(): LinePiece[] {
    if (this.#wholeLength === 0) return []
    const text = this.#whole.join('')
    this.#whole = []
    this.#wholeLength = 0
    const piece = { text, firstLine: this.#line, firstIndex: this.#records }
    this.#count(text)
    return [piece]
  }

  /** Every line left, the last one possibly without its line break. */
  end(): LinePiece[] {
    this.#whole.push(...this.#tail)
    this.#wholeLength += this.#tailLength
    this.#tail = []
    this.#tailLength = 0
    return this.flush()
  }

  #count(text: string): void {
    for (let start = 0; start < text.length; ) {
      const newline = text.indexOf('\n', start)
      const end = newline === -1 ? text.length : newline
      if (text.charCodeAt(start) === OPEN_BRACE || !isBlank(text, start, end)) this.#records++
      if (newline === -1) break
      this.#line++
      start = end + 1
    }
  }
}
