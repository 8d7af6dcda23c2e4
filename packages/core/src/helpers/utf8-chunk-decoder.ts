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
 *
 * The bytes go through one fatal `TextDecoder` in streaming mode. It loses its state when it
 * throws, so the bytes of the character left unfinished by the last chunk (at most 3) are
 * kept here too: on invalid UTF-8 they let the offset of the first bad byte be found, counted
 * over all byte chunks from where its character started, with the text before it.
 */
export class Utf8ChunkDecoder {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  /** The bytes of the character the last byte chunk left unfinished. */
  #tail: Uint8Array = NO_BYTES
  #bytesSeen = 0
  #started = false

  /** Decodes the next chunk. */
  push(chunk: string | Uint8Array): DecodedChunk {
    if (typeof chunk === 'string') {
      if (this.#tail.length > 0) return this.#invalid('', this.#bytesSeen - this.#tail.length)
      return { text: this.#dropBom(chunk) }
    }
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError(`chunks must be strings or Uint8Arrays, got ${typeof chunk}`)
    }
    const start = this.#bytesSeen - this.#tail.length
    this.#bytesSeen += chunk.length
    let text: string
    try {
      text = this.#decoder.decode(chunk, { stream: true })
    } catch {
      return this.#failure(concat(this.#tail, chunk), start)
    }
    this.#tail = unfinishedTail(this.#tail, chunk)
    return { text: this.#dropBom(text) }
  }

  /** Ends the input: fails when it stops inside a character. */
  end(): DecodedChunk {
    try {
      return { text: this.#dropBom(this.#decoder.decode()) }
    } catch {
      return this.#invalid('', this.#bytesSeen - this.#tail.length)
    }
  }

  /** The error item when `bytes` (the tail and the chunk, from byte `start`) fail to decode. */
  #failure(bytes: Uint8Array, start: number): DecodedChunk {
    const bad = invalidUtf8Offset(bytes)
    if (bad !== -1) {
      try {
        return this.#invalid(this.#dropBom(decodeWhole(bytes.subarray(0, bad))), start + bad)
      } catch {
        // The valid bytes before `bad` are more text than one string holds.
      }
    }
    // Too long: the text is the character the tail completes (if any), the offset where the
    // rest of the chunk starts.
    const head = this.#tail.length > 0 ? sequenceLength(this.#tail[0] as number) : 0
    const message = tooLongMessage('the decoded text', MAX_TEXT_LENGTH)
    const text = this.#dropBom(decodeWhole(bytes.subarray(0, head)))
    return { text, error: { message, byteOffset: start + head } }
  }

  #invalid(text: string, byteOffset: number): DecodedChunk {
    return { text, error: { message: `invalid UTF-8 at byte ${byteOffset}`, byteOffset } }
  }

  #dropBom(text: string): string {
    if (this.#started || text.length === 0) return text
    this.#started = true
    return text.charCodeAt(0) === BOM ? text.slice(1) : text
  }
}

/**
 * The text of a chunked source (strings, or UTF-8 bytes), chunk by chunk, through one
 * {@link Utf8ChunkDecoder}. When the input is not UTF-8 (or ends inside a character), the
 * last item holds the text before the first bad byte and the error; nothing follows it.
 */
export async function* decodeChunks(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): AsyncGenerator<DecodedChunk> {
  const decoder = new Utf8ChunkDecoder()
  for await (const chunk of source) {
    const decoded = decoder.push(chunk)
    yield decoded
    if (decoded.error !== undefined) return
  }
  const ended = decoder.end()
  if (ended.error !== undefined) yield ended
}

/** Decodes complete UTF-8 with a fresh fatal decoder. */
function decodeWhole(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
}

/** Bytes a sequence starting with `lead` claims (1 for ASCII and stray bytes). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4
  if (lead >= 0xe0) return 3
  if (lead >= 0xc0) return 2
  return 1
}

/**
 * The bytes of the character left unfinished once valid UTF-8 `chunk` follows the unfinished
 * `tail` of the previous chunks: only the last 3 bytes are looked at.
 */
function unfinishedTail(tail: Uint8Array, chunk: Uint8Array): Uint8Array {
  const last =
    chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concat(tail, chunk).subarray(-3)
  for (let back = 1; back <= last.length; back++) {
    const byte = last[last.length - back] as number
    if (byte < 0x80) return NO_BYTES
    if (byte >= 0xc0) return sequenceLength(byte) > back ? last.slice(last.length - back) : NO_BYTES
  }
  return NO_BYTES
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second
  const bytes = new Uint8Array(first.length + second.length)
  bytes.set(first)
  bytes.set(second, first.length)
  return bytes
}
