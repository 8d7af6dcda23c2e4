import { invalidUtf8Offset } from './invalid-utf8-offset.js'
import { MAX_TEXT_LENGTH, tooLongMessage } from './text-limit.js'

/** Text decoded from one chunk, and the reason decoding stopped, if it did. */
export interface DecodedChunk {
  /** The text decoded so far from this chunk (up to the first invalid byte on error). */
  readonly text: string
  /** Set when the input is not UTF-8, or is more text than one string holds: nothing more can be decoded. */
  readonly error?: {
    /** Readable message naming the byte offset. */
    readonly message: string
    /** Offset of the first bad byte, counted over the byte chunks. */
    readonly byteOffset: number
  }
}

const BOM = 0xfeff
const NO_BYTES = new Uint8Array(0)

/**
 * Decodes a sequence of chunks (strings pass through, bytes are UTF-8) into text, keeping
 * characters whose bytes are split between chunks, and dropping a BOM at the very start.
 * Only the bytes of an unfinished character are carried from one chunk to the next. Each
 * chunk is decoded whole (the streaming mode of `TextDecoder` is several times slower).
 */
export class Utf8ChunkDecoder {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  #pending: Uint8Array = NO_BYTES
  #bytesSeen = 0
  #started = false

  /** Decodes the next chunk. */
  push(chunk: string | Uint8Array): DecodedChunk {
    if (typeof chunk === 'string') {
      if (this.#pending.length > 0) return this.#failure('', this.#bytesSeen - this.#pending.length)
      return { text: this.#dropBom(chunk) }
    }
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError(`chunks must be strings or Uint8Arrays, got ${typeof chunk}`)
    }
    const chunkStart = this.#bytesSeen
    this.#bytesSeen += chunk.length
    let head = ''
    let from = 0
    if (this.#pending.length > 0) {
      const pendingStart = chunkStart - this.#pending.length
      from = sequenceLength(this.#pending[0] as number) - this.#pending.length
      if (chunk.length < from) {
        this.#pending = concat(this.#pending, chunk)
        return { text: '' }
      }
      const decoded = this.#decode(concat(this.#pending, chunk.subarray(0, from)), pendingStart)
      this.#pending = NO_BYTES
      if (decoded.error !== undefined) return decoded
      head = decoded.text
    }
    const rest = chunk.subarray(from)
    const complete = rest.length - unfinishedTailLength(rest)
    const decoded = this.#decode(rest.subarray(0, complete), chunkStart + from)
    if (decoded.error !== undefined) return { ...decoded, text: head + decoded.text }
    this.#pending = rest.slice(complete)
    return { text: head + decoded.text }
  }

  /** Ends the input: fails when it stops inside a character. */
  end(): DecodedChunk {
    if (this.#pending.length > 0) return this.#failure('', this.#bytesSeen - this.#pending.length)
    return { text: '' }
  }

  #decode(bytes: Uint8Array, start: number): DecodedChunk {
    try {
      return { text: this.#dropBom(this.#decoder.decode(bytes)) }
    } catch {
      const valid = invalidUtf8Offset(bytes)
      if (valid === -1) {
        const message = tooLongMessage('the decoded text', MAX_TEXT_LENGTH)
        return { text: '', error: { message, byteOffset: start } }
      }
      return this.#failure(
        this.#dropBom(this.#decoder.decode(bytes.subarray(0, valid))),
        start + valid,
      )
    }
  }

  #failure(text: string, byteOffset: number): DecodedChunk {
    return { text, error: { message: `invalid UTF-8 at byte ${byteOffset}`, byteOffset } }
  }

  #dropBom(text: string): string {
    if (this.#started || text.length === 0) return text
    this.#started = true
    return text.charCodeAt(0) === BOM ? text.slice(1) : text
  }
}

/** Bytes a sequence starting with `lead` claims (1 for ASCII and stray bytes). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4
  if (lead >= 0xe0) return 3
  if (lead >= 0xc0) return 2
  return 1
}

/** How many bytes at the end of `bytes` start a character that continues in the next chunk. */
function unfinishedTailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] as number
    if (byte < 0x80) return 0
    if (byte >= 0xc0) return sequenceLength(byte) > back ? back : 0
  }
  return 0
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(first.length + second.length)
  bytes.set(first)
  bytes.set(second, first.length)
  return bytes
}
