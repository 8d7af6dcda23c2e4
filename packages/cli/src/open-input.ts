import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { DETECTION_HEAD_BYTES } from './detect-source.js'
import { isGzipName } from './input-format.js'
import {
  DEFAULT_INPUT_LIMITS,
  formatSize,
  type InputLimits,
  RATIO_CHECK_BYTES,
} from './input-limits.js'
import { describeIoError } from './io-error.js'

/** An input to read: a file, or standard input when `path` is absent. */
export interface InputSpec {
  /** The name used in messages (the path as given, or `<stdin>`). */
  readonly name: string
  /** File path; absent for standard input. */
  readonly path?: string
}

/** An opened input: its first bytes as text, and every byte (decompressed) as chunks. */
export interface OpenedInput {
  /** The name used in messages. */
  readonly name: string
  /** Size of the file in bytes (compressed size for gzip); undefined for standard input. */
  readonly size: number | undefined
  /**
   * The start of the (decompressed) content, decoded as UTF-8: at least
   * {@link DETECTION_HEAD_BYTES} (or all of it), and through the first line break when there is
   * one within {@link MAX_HEAD_BYTES}, so the format can be told like core does.
   */
  readonly head: string
  /** The whole (decompressed) content, head included, read lazily. */
  readonly chunks: AsyncIterable<Uint8Array>
  /** Bytes read from the file so far (before decompression). */
  bytesRead(): number
  /** Stops reading and releases the file. */
  close(): void
}

/** What {@link openInput} returns. */
export type OpenInputResult =
  | { readonly success: true; readonly input: OpenedInput }
  | { readonly success: false; readonly problem: string }

/** The most an input's head is read ahead, looking for the end of its first line. */
export const MAX_HEAD_BYTES = 1 << 20

interface Peeked {
  readonly taken: readonly Uint8Array[]
  readonly rest: AsyncIterator<Uint8Array>
}

/**
 * Opens a file or standard input for streaming: gzip (by a `.gz` name or the magic bytes
 * 1f 8b) is decompressed on the fly, within `limits` (past one, reading fails with a message
 * naming the limit and its option), and the first bytes are read ahead for format and feed
 * detection, then replayed. Memory stays bounded by the read-ahead.
 */
export async function openInput(
  spec: InputSpec,
  stdin: Readable,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): Promise<OpenInputResult> {
  let size: number | undefined
  if (spec.path !== undefined) {
    try {
      const stats = await stat(spec.path)
      if (stats.isDirectory()) return { success: false, problem: 'is a directory' }
      size = stats.size
    } catch (error) {
      return { success: false, problem: describeIoError(error) }
    }
  }
  const raw = spec.path === undefined ? stdin : createReadStream(spec.path)
  let bytes = 0
  try {
    const rawPeek = await peekBytes(
      counted(raw, (length) => (bytes += length)),
      2,
    )
    const gzip = isGzipName(spec.name) || hasGzipMagic(rawPeek.taken)
    const content = gzip
      ? withinLimits(gunzip(replay(rawPeek)), () => bytes, limits)
      : replay(rawPeek)
    const head = await peekHead(content)
    return {
      success: true,
      input: {
        name: spec.name,
        size,
        head: new TextDecoder().decode(Buffer.concat(head.taken)),
        chunks: replay(head),
        bytesRead: () => bytes,
        close: () => raw.destroy(),
      },
    }
  } catch (error) {
    raw.destroy()
    return { success: false, problem: describeIoError(error) }
  }
}

async function* counted(
  source: AsyncIterable<unknown>,
  count: (length: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array)
    count(bytes.length)
    yield bytes
  }
}

async function peekBytes(source: AsyncIterable<Uint8Array>, wanted: number): Promise<Peeked> {
  return peek(source, (bytes) => bytes >= wanted)
}

async function peekHead(source: AsyncIterable<Uint8Array>): Promise<Peeked> {
  let lineBreak = false
  return peek(source, (bytes, chunk) => {
    lineBreak ||= chunk.includes(0x0a)
    return bytes >= MAX_HEAD_BYTES || (bytes >= DETECTION_HEAD_BYTES && lineBreak)
  })
}

async function peek(
  source: AsyncIterable<Uint8Array>,
  enough: (bytes: number, chunk: Uint8Array) => boolean,
): Promise<Peeked> {
  const rest = source[Symbol.asyncIterator]()
  const taken: Uint8Array[] = []
  let bytes = 0
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    taken.push(next.value)
    bytes += next.value.length
    if (enough(bytes, next.value)) break
  }
  return { taken, rest }
}

async function* replay(peeked: Peeked): AsyncGenerator<Uint8Array> {
  yield* peeked.taken
  for (let next = await peeked.rest.next(); !next.done; next = await peeked.rest.next()) {
    yield next.value
  }
}

function hasGzipMagic(chunks: readonly Uint8Array[]): boolean {
  const start = Buffer.concat(chunks.slice(0, 2))
  return start[0] === 0x1f && start[1] === 0x8b
}

/** The decompressed chunks, failing once they pass a limit (`compressed`: bytes read so far). */
async function* withinLimits(
  source: AsyncIterable<Uint8Array>,
  compressed: () => number,
  limits: InputLimits,
): AsyncGenerator<Uint8Array> {
  let total = 0
  for await (const chunk of source) {
    total += chunk.length
    if (total > limits.maxDecompressedSize) {
      throw new Error(
        `gzip: the input decompresses to more than ${formatSize(limits.maxDecompressedSize)} bytes (the --max-decompressed-size limit); pass a larger --max-decompressed-size to read it`,
      )
    }
    if (total > RATIO_CHECK_BYTES && total > limits.maxCompressionRatio * compressed()) {
      throw new Error(
        `gzip: the input decompresses to more than ${limits.maxCompressionRatio} times its compressed size (the --max-compression-ratio limit, against decompression bombs); pass a larger --max-compression-ratio to read it`,
      )
    }
    yield chunk
  }
}

function gunzip(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const decompressor = createGunzip()
  pipeline(Readable.from(source), decompressor).catch(() => {})
  return decompressor
}
