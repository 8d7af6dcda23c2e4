import { invalidUtf8Offset } from './invalid-utf8-offset.js'

/** Text decoded from one chunk, and the reason decoding stopped, if it did. */
export interface DecodedChunk {
  /** The text decoded so far from this chunk (up to the first invalid byte on error). */
  readonly text: string
  /** Set when the input is not UTF-8: nothing more can be decoded. */
  readonly error?: {
    /** Readable message naming the byte offset. */
    readonly message: string
    /** Offset of the first bad byte, counted over the byte chunks. */
    readonly byteOffset: number
  }
}

const BOM = 0xfeff
const MAX_SEQUENCE = 4

/**
 * Decodes a sequence of chunks (strings pass through, bytes are UTF-8) into text, keeping
 * characters whose bytes are split between chunks, and dropping a BOM at the very start.
 * Only the bytes of an unfinished character are carried from one chunk to the next.
 */
export class Utf8ChunkDecoder {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  readonly #recent = new Uint8Array(MAX_SEQUENCE - 1)
  #recentLength = 0
  #bytesSeen = 0
  #started = false

  /** Decodes the next chunk. */
  push(chunk: string | Uint8Array): DecodedChunk {
    if (typeof chunk === 'string') {
      const pending = this.#pending()
      if (pending.length > 0) return this.#failure('', this.#bytesSeen - pending.length)
      return { text: this.#dropBom(chunk) }
    }
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError(`chunks must be strings or Uint8Arrays, got ${typeof chunk}`)
    }
    try {
      const text = this.#decoder.decode(chunk, { stream: true })
      this.#remember(chunk)
      return { text: this.#dropBom(text) }
    } catch {
      const pending = this.#pending()
      const bytes = new Uint8Array(pending.length + chunk.length)
      bytes.set(pending)
      bytes.set(chunk, pending.length)
      const valid = Math.max(invalidUtf8Offset(bytes), 0)
      const text = this.#decoder.decode(bytes.subarray(0, valid))
      return this.#failure(this.#dropBom(text), this.#bytesSeen - pending.length + valid)
    }
  }

  /** Ends the input: fails when it stops inside a character. */
  end(): DecodedChunk {
    const pending = this.#pending()
    if (pending.length > 0) return this.#failure('', this.#bytesSeen - pending.length)
    return { text: '' }
  }

  #failure(text: string, byteOffset: number): DecodedChunk {
    return { text, error: { message: `invalid UTF-8 at byte ${byteOffset}`, byteOffset } }
  }

  #dropBom(text: string): string {
    if (this.#started || text.length === 0) return text
    this.#started = true
    return text.charCodeAt(0) === BOM ? text.slice(1) : text
  }

  #remember(chunk: Uint8Array): void {
    this.#bytesSeen += chunk.length
    const recent = this.#recent
    const keep = Math.min(chunk.length, recent.length)
    const carried = Math.min(this.#recentLength, recent.length - keep)
    recent.copyWithin(0, this.#recentLength - carried, this.#recentLength)
    recent.set(chunk.subarray(chunk.length - keep), carried)
    this.#recentLength = carried + keep
  }

  /** The bytes of an unfinished character at the end of what was decoded so far. */
  #pending(): Uint8Array {
    const recent = this.#recent.subarray(0, this.#recentLength)
    for (let back = 1; back <= recent.length; back++) {
      const byte = recent[recent.length - back] as number
      if (byte < 0x80) return recent.subarray(recent.length)
      if (byte >= 0xc0) {
        const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
        return size > back ? recent.subarray(recent.length - back) : recent.subarray(recent.length)
      }
    }
    return recent.subarray(recent.length)
  }
}
