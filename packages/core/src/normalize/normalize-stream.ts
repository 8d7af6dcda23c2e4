import { scanJsonChunks } from '../helpers/json-stream-chunks.js'
import { elementLocator } from '../helpers/json-stream-scanner.js'
import { parseJsonLossless } from '../helpers/lossless-json.js'
import { readLineChunks } from '../helpers/ndjson.js'
import { parseRecordText } from '../helpers/record-text.js'
import { decodeText, sniffFormat } from '../helpers/text-input.js'
import { MAX_TEXT_LENGTH, tooLongMessage } from '../helpers/text-limit.js'
import type { AnyAdapter, InputFormat } from '../model/adapter.js'
import { UnreadableInputError, type VendorErrorEnvelopeError } from '../model/errors.js'
import type { BatchResult } from '../model/outcome.js'
import { parseSafely } from './parse-safely.js'
import { peek } from './peek-input.js'
import { type RecordOptions, RecordRunner } from './record-runner.js'

/** A chunked input: strings or UTF-8 bytes, sync or async (a Node Readable is one). */
export type ChunkSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>

/** Options of {@link normalizeStream}. */
export interface StreamOptions extends RecordOptions {
  /** The input's format; detected from the first bytes when absent. */
  readonly format?: InputFormat
  /**
   * Records read per batch (default 1000). A yielded batch has fewer records while an
   * adapter's evidence span holds some back, and more when the span closes and releases them.
   */
  readonly batchSize?: number
  /**
   * The longest text held at once, in UTF-16 units: an NDJSON line, a JSON array element, the
   * JSON text around the arrays, or a whole XML/CSV document (default `MAX_TEXT_LENGTH`, the
   * longest string V8 can hold). A longer one ends the stream with an unreadable-input item.
   */
  readonly maxTextLength?: number
}

/** One item of a stream: a batch of outcomes, or the typed error that ended the input. */
export type StreamItem =
  | ({ readonly success: true } & BatchResult)
  | { readonly success: false; readonly error: VendorErrorEnvelopeError | UnreadableInputError }

/**
 * Normalizes a chunked input with bounded memory, yielding batches of outcomes in input order.
 * NDJSON is read line by line and JSON arrays (bare, or at the adapter's record paths of an
 * envelope) element by element, so inputs far larger than memory work; XML and CSV are read
 * whole. A vendor error envelope or an unreadable input ends the stream with a
 * `{ success: false }` item. Records an adapter holds back for evidence (see
 * `Adapter.evidenceSpans`) are yielded once their span closes or the input ends, so the
 * outcomes are those of `normalize` over the same input whatever the batches and chunks.
 * Empty batches are not yielded. Never throws on data.
 */
export async function* normalizeStream(
  adapter: AnyAdapter,
  source: ChunkSource,
  options: StreamOptions = {},
): AsyncGenerator<StreamItem> {
  const batchSize = options.batchSize ?? 1000
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`)
  }
  const limit = options.maxTextLength ?? MAX_TEXT_LENGTH
  const runner = new RecordRunner(adapter, options)
  const peeked = await peek(source, options.format === undefined ? adapter : undefined, limit)
  const format = options.format ?? sniffFormat(peeked.head)
  if (format === 'ndjson') {
    yield* streamNdjson(runner, peeked.source, batchSize, limit)
  } else if (format === 'json') {
    yield* streamJson(adapter, runner, peeked.source, batchSize, limit)
  } else {
    yield* streamWhole(adapter, runner, peeked.source, format, batchSize, limit)
  }
  yield* settled(runner.end())
}

async function* streamNdjson(
  runner: RecordRunner,
  source: AsyncIterable<string | Uint8Array>,
  batchSize: number,
  limit: number,
): AsyncGenerator<StreamItem> {
  let records: unknown[] = []
  let lines: number[] = []
  for await (const items of readLineChunks(source, { maxTextLength: limit })) {
    for (const item of items) {
      if ('error' in item) {
        yield* settled(runner.push(records, (i) => `line ${lines[i]}`))
        yield* settled(runner.end())
        yield unreadable(runner, 'ndjson', item.error, `line ${item.line}`)
        return
      }
      records.push(parseRecordText(item.text))
      lines.push(item.line)
      if (records.length === batchSize) {
        const batchLines = lines
        yield* settled(runner.push(records, (i) => `line ${batchLines[i]}`))
        records = []
        lines = []
      }
    }
  }
  yield* settled(runner.push(records, (i) => `line ${lines[i]}`))
}

async function* streamJson(
  adapter: AnyAdapter,
  runner: RecordRunner,
  source: AsyncIterable<string | Uint8Array>,
  batchSize: number,
  limit: number,
): AsyncGenerator<StreamItem> {
  let records: unknown[] = []
  let locators: string[] = []
  const flush = (): BatchResult => {
    const batchLocators = locators
    const batch = runner.push(records, (i) => batchLocators[i] ?? '')
    records = []
    locators = []
    return batch
  }
  for await (const items of scanJsonChunks(source, adapter.jsonRecordPaths, {
    maxTextLength: limit,
    runReader: readElements,
  })) {
    for (const item of items) {
      if (item.kind === 'record') {
        records.push(parseRecordText(item.text))
        locators.push(item.locator)
        if (records.length === batchSize) yield* settled(flush())
        continue
      }
      if (item.kind === 'run') {
        for (let i = 0; i < item.values.length; i++) {
          records.push(item.values[i])
          locators.push(elementLocator(item.locator, item.index + i))
          if (records.length === batchSize) yield* settled(flush())
        }
        continue
      }
      yield* settled(flush())
      if (item.kind === 'error') {
        yield* settled(runner.end())
        yield unreadable(runner, 'json', item.message, `offset ${item.offset}`)
        return
      }
      yield* parseAndRun(adapter, runner, item.text, 'json', batchSize)
    }
  }
  yield* settled(flush())
}

/** The values of consecutive array elements (commas between), as each parses on its own. */
function readElements(text: string): readonly unknown[] | undefined {
  const parsed = parseJsonLossless(`[${text}]`)
  return parsed.success && Array.isArray(parsed.value) ? parsed.value : undefined
}

async function* streamWhole(
  adapter: AnyAdapter,
  runner: RecordRunner,
  source: AsyncIterable<string | Uint8Array>,
  format: InputFormat | undefined,
  batchSize: number,
  limit: number,
): AsyncGenerator<StreamItem> {
  const read = await readWhole(source, limit)
  if (!read.success) {
    yield unreadable(runner, format ?? 'text', read.message)
    return
  }
  yield* parseAndRun(adapter, runner, read.text, format, batchSize)
}

/** The whole text of a source, or why it cannot be one string. */
async function readWhole(
  source: AsyncIterable<string | Uint8Array>,
  limit: number,
): Promise<{ success: true; text: string } | { success: false; message: string }> {
  const parts: Uint8Array[] = []
  let bytes = 0
  let text = ''
  const tooLong = { success: false, message: tooLongMessage('the document', limit) } as const
  for await (const chunk of source) {
    if (typeof chunk !== 'string') {
      bytes += chunk.length
      if (bytes > 3 * limit) return tooLong
      parts.push(chunk)
    } else if (text.length + chunk.length > limit) return tooLong
    else text += chunk
  }
  if (parts.length === 0) return { success: true, text }
  const decoded = decodeText(Buffer.concat(parts))
  if (decoded.success && decoded.text.length > limit) return tooLong
  return decoded
}

function* parseAndRun(
  adapter: AnyAdapter,
  runner: RecordRunner,
  input: string,
  format: InputFormat | undefined,
  batchSize: number,
): Generator<StreamItem> {
  const parsed = parseSafely(adapter, input, format)
  if (!parsed.success) {
    yield* settled(runner.end())
    yield parsed
    return
  }
  for (let start = 0; start < parsed.records.length; start += batchSize) {
    const records = parsed.records.slice(start, start + batchSize)
    yield* settled(runner.push(records, (i) => parsed.locate(start + i)))
  }
}

/** The batch as a stream item, unless it is empty. */
function* settled(batch: BatchResult): Generator<StreamItem> {
  if (batch.outcomes.length > 0) yield { success: true, ...batch }
}

function unreadable(
  runner: RecordRunner,
  format: string,
  reason: string,
  location?: string,
): StreamItem {
  return {
    success: false,
    error: new UnreadableInputError({
      feed: runner.feed,
      format,
      reason,
      ...(location === undefined ? {} : { location }),
    }),
  }
}
