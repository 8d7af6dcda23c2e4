import { availableParallelism } from 'node:os'
import { scanJsonStream } from '../helpers/json-stream.js'
import { decodeText, sniffFormat } from '../helpers/text-input.js'
import { MAX_TEXT_LENGTH } from '../helpers/text-limit.js'
import { decodeChunks } from '../helpers/utf8-chunk-decoder.js'
import type { AnyAdapter } from '../model/adapter.js'
import { UnreadableInputError, type VendorErrorEnvelopeError } from '../model/errors.js'
import {
  type ChunkSource,
  normalizeStream,
  type StreamOptions,
} from '../normalize/normalize-stream.js'
import { OccurrenceWindow, occurrenceId } from '../normalize/occurrence-window.js'
import { parseSafely } from '../normalize/parse-safely.js'
import { peek } from '../normalize/peek-input.js'
import { type EncodedBatch, encodeBatch } from './encoded-batch.js'
import { loadAdapter } from './load-adapter.js'
import { NdjsonPieces } from './ndjson-pieces.js'
import type { AdapterReference, JobInput, JobResult, JobSetup } from './parallel-protocol.js'
import { WorkerPool } from './worker-pool.js'

/**
 * Worker threads that normalize, shared by the {@link normalizeInParallel} runs given it (one
 * at a time or several at once), so a run over many inputs starts its threads once: with the
 * first run that splits its input (none with 1 worker). Close it when done: open threads keep
 * the process running.
 */
export class NormalizePool {
  /** How many threads normalize (1: the calling thread alone, no worker). */
  readonly workers: number
  #pool: WorkerPool | undefined

  /**
   * A pool of `workers` threads (default: the available cores): the calling thread and
   * `workers - 1` worker threads, started on first use.
   */
  constructor(workers = availableParallelism()) {
    if (!Number.isInteger(workers) || workers < 1) {
      throw new RangeError(`workers must be a positive integer, got ${workers}`)
    }
    this.workers = workers
    started.set(this, () => {
      this.#pool ??= new WorkerPool(workers - 1)
      return this.#pool
    })
  }

  /** Stops the threads, if they were started. */
  async close(): Promise<void> {
    await this.#pool?.close()
  }
}

/** Each pool's threads, started on first use. */
const started = new WeakMap<NormalizePool, () => WorkerPool>()

/** The threads of `pool`, started now if they were not. */
function threadsOf(pool: NormalizePool): WorkerPool {
  return (started.get(pool) as () => WorkerPool)()
}

/**
 * Whether the adapter's records can be normalized in separate jobs: not when it analyzes each
 * batch as a whole without evidence spans to carry between jobs.
 */
function splitsAcrossThreads(adapter: AnyAdapter): boolean {
  return adapter.analyzeBatch === undefined || adapter.evidenceSpans !== undefined
}

/** Options of {@link normalizeInParallel}. */
export interface ParallelOptions extends Omit<StreamOptions, 'batchSize'> {
  /**
   * Worker threads of a pool of the run's own (default: the available cores); 1 normalizes on
   * the calling thread. Ignored with `pool`.
   */
  readonly workers?: number
  /** Threads to use instead of a pool of the run's own (which the run closes at its end). */
  readonly pool?: NormalizePool
  /**
   * Characters of input per job (default 65,536): whole NDJSON lines, or JSON array elements,
   * of about this length. Smaller pieces spread a short input over more threads; each costs a
   * message.
   */
  readonly pieceSize?: number
}

/** One item of a parallel run: a batch with its events as NDJSON, or the error that ended the input. */
export type EncodedItem =
  | ({ readonly success: true } & EncodedBatch)
  | { readonly success: false; readonly error: VendorErrorEnvelopeError | UnreadableInputError }

/** Characters of input per job: big enough to pay for a message, small enough to spread. */
const PIECE_SIZE = 1 << 16
/** Jobs the calling thread runs ahead of the results it waits for, beside the workers' queues. */
const AHEAD_HERE = 4

/** A job's input with the index of its first record, or the error that ends the input. */
type Piece =
  | { readonly input: JobInput; readonly firstIndex: number }
  | { readonly error: VendorErrorEnvelopeError | UnreadableInputError }

/**
 * Normalizes one input across worker threads, yielding batches in input order with their
 * events already written as NDJSON: the same lines, ids, `source.occurrence` numbers,
 * evidence (e.g. Smaily's repeated hour), rejections and order as `normalizeStream` followed
 * by `JSON.stringify` of each event, whatever the number of workers. NDJSON and JSON arrays
 * are split between the workers; XML and CSV documents, and adapters with `analyzeBatch` but
 * no `evidenceSpans`, are normalized on the calling thread. Each worker imports the adapter
 * from `adapter` (the calling thread too), so it must be a module export, e.g.
 * `{ module: import.meta.resolve('@evnorm/smaily-log'), export: 'smailyLogAdapter' }`.
 * `workers` threads normalize: the calling thread, which takes a piece whenever every worker
 * thread has two queued, and `workers - 1` worker threads. Memory stays bounded: two pieces
 * of about 64 KiB per worker thread, and four more, are in flight. Never throws
 * on data; rejects when the adapter cannot be imported.
 */
export async function* normalizeInParallel(
  adapter: AdapterReference,
  source: ChunkSource,
  options: ParallelOptions = {},
): AsyncGenerator<EncodedItem> {
  const {
    workers = availableParallelism(),
    pool: shared,
    pieceSize = PIECE_SIZE,
    ...streamOptions
  } = options
  if (shared === undefined && (!Number.isInteger(workers) || workers < 1)) {
    throw new RangeError(`workers must be a positive integer, got ${workers}`)
  }
  if (!Number.isInteger(pieceSize) || pieceSize < 1) {
    throw new RangeError(`pieceSize must be a positive integer, got ${pieceSize}`)
  }
  const loaded = await loadAdapter(adapter)
  const limit = options.maxTextLength ?? MAX_TEXT_LENGTH
  const peeked = await peek(source, options.format === undefined ? loaded : undefined, limit)
  const format = options.format ?? sniffFormat(peeked.head)
  const single = shared === undefined ? workers === 1 : shared.workers === 1
  if (single || !splitsAcrossThreads(loaded) || (format !== 'ndjson' && format !== 'json')) {
    yield* encodedStream(loaded, peeked.source, {
      ...streamOptions,
      ...(format === undefined ? {} : { format }),
    })
    return
  }
  const pieces =
    format === 'ndjson'
      ? ndjsonPieces(loaded, peeked.source, limit, pieceSize)
      : jsonPieces(loaded, peeked.source, limit, pieceSize)
  const setup = jobSetup(adapter, streamOptions, limit)
  const pool = shared === undefined ? new WorkerPool(workers - 1) : threadsOf(shared)
  try {
    yield* runPieces(loaded, setup, pool, pieces)
  } finally {
    if (shared === undefined) await pool.close()
  }
}

/** Options of {@link normalizeWhole}. */
export type WholeOptions = Pick<
  StreamOptions,
  'validate' | 'includeRaw' | 'privacy' | 'maxTextLength'
>

/**
 * Normalizes one whole input, JSON or NDJSON as UTF-8 bytes, as a single job on the next free
 * thread of `pool` (the calling thread when every worker has two queued): a caller with many
 * small inputs starts several at once and writes them in order. Resolves to the input's batch,
 * with the same events, ids and rejections as {@link normalizeInParallel} gives; or to
 * undefined when the input does not read cleanly as a whole (not UTF-8, a line that is too
 * long, a document that does not parse, no records) or its adapter analyzes batches without
 * evidence spans: read it with {@link normalizeInParallel} then, which reports what is wrong
 * as for any input. Meant for inputs of a few MiB at most: the text is held whole.
 */
export async function normalizeWhole(
  adapter: AdapterReference,
  bytes: Uint8Array,
  format: 'json' | 'ndjson',
  pool: NormalizePool,
  options: WholeOptions = {},
): Promise<EncodedBatch | undefined> {
  const loaded = await loadAdapter(adapter)
  if (!splitsAcrossThreads(loaded)) return undefined
  const decoded = decodeText(bytes)
  if (!decoded.success) return undefined
  const setup = jobSetup(adapter, options, options.maxTextLength ?? MAX_TEXT_LENGTH)
  const input: JobInput =
    format === 'ndjson'
      ? { kind: 'lines', text: decoded.text, firstLine: 1 }
      : { kind: 'document', text: decoded.text }
  const result = await threadsOf(pool).run({ input, setup, firstIndex: 0, final: true }, loaded)
  if (result.lineError !== undefined) return undefined
  const occurrences = loaded.identicalRecords === 'distinct' ? new OccurrenceWindow() : undefined
  const batch = numberOccurrences(loaded.feed, result, occurrences)
  return batch.counts.records === 0 ? undefined : batch
}

/** What every job of a run is normalized with. */
function jobSetup(adapter: AdapterReference, options: WholeOptions, limit: number): JobSetup {
  const { validate, includeRaw, privacy } = options
  return {
    adapter,
    options: {
      ...(validate === undefined ? {} : { validate }),
      ...(includeRaw === undefined ? {} : { includeRaw }),
      ...(privacy === undefined ? {} : { privacy }),
    },
    maxTextLength: limit,
  }
}

/** The stream of `normalizeStream`, each batch encoded on this thread. */
async function* encodedStream(
  adapter: AnyAdapter,
  source: ChunkSource,
  options: StreamOptions,
): AsyncGenerator<EncodedItem> {
  for await (const item of normalizeStream(adapter, source, options)) {
    yield item.success ? { success: true, ...encodeBatch(item, adapter.feed) } : item
  }
}

interface Sent {
  readonly firstIndex: number
  readonly input: JobInput
  readonly final: boolean
  result: Promise<JobResult>
}

/**
 * Sends the pieces to the workers ahead of need and takes the results in input order. A
 * result that ends with records of an open evidence span held by its worker makes the next
 * job run again there, continuing that run (the speculative result, from a new run, is
 * dropped); spans are rare (Smaily: the nights clocks fall back), so this costs little.
 */
async function* runPieces(
  adapter: AnyAdapter,
  setup: JobSetup,
  pool: WorkerPool,
  pieces: AsyncGenerator<Piece>,
): AsyncGenerator<EncodedItem> {
  const occurrences = adapter.identicalRecords === 'distinct' ? new OccurrenceWindow() : undefined
  const sent: Sent[] = []
  const ahead = 2 * pool.threads + AHEAD_HERE
  let ending: UnreadableInputError | VendorErrorEnvelopeError | undefined
  let lookahead = await pieces.next()
  let kept: JobResult | undefined
  const fill = async () => {
    while (sent.length < ahead && !lookahead.done && !('error' in lookahead.value)) {
      const piece = lookahead.value
      lookahead = await pieces.next()
      const final = lookahead.done || 'error' in lookahead.value
      sent.push({ ...piece, final, result: pool.run({ ...piece, setup, final }, adapter) })
    }
    if (!lookahead.done && 'error' in lookahead.value) ending = lookahead.value.error
  }
  await fill()
  while (sent.length > 0) {
    const job = sent.shift() as Sent
    let result = await job.result
    if (kept !== undefined) {
      if (result.kept) pool.drop(result.id)
      const { input, firstIndex, final } = job
      result = await pool.run({ input, setup, firstIndex, final, continues: kept.id }, adapter)
    }
    kept = result.kept ? result : undefined
    const batch = numberOccurrences(adapter.feed, result, occurrences)
    if (batch.counts.records > 0) yield { success: true, ...batch }
    if (result.lineError !== undefined) {
      const { message, line } = result.lineError
      yield { success: false, error: unreadableError(adapter, 'ndjson', message, `line ${line}`) }
      return
    }
    await fill()
  }
  if (kept !== undefined) {
    const last = await pool.run(
      {
        input: { kind: 'elements', texts: [], locators: [] },
        setup,
        firstIndex: 0,
        final: true,
        continues: kept.id,
      },
      adapter,
    )
    const batch = numberOccurrences(adapter.feed, last, occurrences)
    if (batch.counts.records > 0) yield { success: true, ...batch }
  }
  if (ending !== undefined) yield { success: false, error: ending }
}

/**
 * The batch with its repeated content-derived events numbered as one run numbers them: the
 * workers note the ids, this thread counts them in input order and rewrites the few repeats.
 */
function numberOccurrences(
  feed: string,
  result: JobResult,
  window: OccurrenceWindow | undefined,
): EncodedBatch {
  if (result.failure !== undefined) throw new Error(`evnorm worker failed: ${result.failure}`)
  const { batch, occurrenceIds, occurrenceEvents, occurrenceOffsets } = result
  if (window === undefined || occurrenceIds.length === 0) return batch
  const { events } = batch
  const ids = [...batch.ids]
  const parts: Uint8Array[] = []
  let copied = 0
  for (let call = 0; call < occurrenceIds.length; call++) {
    const occurrence = window.occurrence(occurrenceIds[call] as string)
    const offset = occurrenceOffsets[call] as number
    if (occurrence === 1 || offset < 0) continue
    const end = events.indexOf(10, offset)
    const event = JSON.parse(UTF8.decode(events.subarray(offset, end)))
    const numbered = {
      ...event,
      id: occurrenceId(feed, event.id, occurrence),
      source: { ...event.source, occurrence },
    }
    ids[occurrenceEvents[call] as number] = numbered.id
    parts.push(events.subarray(copied, offset), Buffer.from(JSON.stringify(numbered)))
    copied = end
  }
  if (parts.length === 0) return batch
  parts.push(events.subarray(copied))
  return { ...batch, events: Buffer.concat(parts), ids }
}

const UTF8 = new TextDecoder()

async function* ndjsonPieces(
  adapter: AnyAdapter,
  source: AsyncIterable<string | Uint8Array>,
  limit: number,
  size: number,
): AsyncGenerator<Piece> {
  const pieces = new NdjsonPieces(size, limit)
  const lines = (piece: { text: string; firstLine: number; firstIndex: number }): Piece => ({
    input: { kind: 'lines', text: piece.text, firstLine: piece.firstLine },
    firstIndex: piece.firstIndex,
  })
  const failed = (message: string, line: number): Piece => ({
    error: unreadableError(adapter, 'ndjson', message, `line ${line}`),
  })
  for await (const decoded of decodeChunks(source)) {
    yield* pieces.push(decoded.text).map(lines)
    if (pieces.tooLong !== undefined) {
      yield failed(pieces.tooLong.message, pieces.tooLong.line)
      return
    }
    if (decoded.error !== undefined) {
      yield* pieces.flush().map(lines)
      yield failed(decoded.error.message, pieces.line)
      return
    }
  }
  yield* pieces.end().map(lines)
}

async function* jsonPieces(
  adapter: AnyAdapter,
  source: AsyncIterable<string | Uint8Array>,
  limit: number,
  size: number,
): AsyncGenerator<Piece> {
  let texts: string[] = []
  let locators: string[] = []
  let chars = 0
  let records = 0
  function* flush(): Generator<Piece> {
    if (texts.length === 0) return
    yield { input: { kind: 'elements', texts, locators }, firstIndex: records }
    records += texts.length
    texts = []
    locators = []
    chars = 0
  }
  for await (const item of scanJsonStream(source, adapter.jsonRecordPaths, {
    maxTextLength: limit,
  })) {
    if (item.kind === 'record') {
      texts.push(item.text)
      locators.push(item.locator)
      chars += item.text.length
      if (chars >= size) yield* flush()
      continue
    }
    yield* flush()
    if (item.kind === 'error') {
      yield { error: unreadableError(adapter, 'json', item.message, `offset ${item.offset}`) }
      return
    }
    const parsed = parseSafely(adapter, item.text, 'json')
    if (!parsed.success) {
      yield { error: parsed.error }
      return
    }
    if (parsed.records.length > 0) {
      yield { input: { kind: 'document', text: item.text }, firstIndex: records }
      records += parsed.records.length
    }
  }
  yield* flush()
}

function unreadableError(
  adapter: AnyAdapter,
  format: string,
  reason: string,
  location: string,
): UnreadableInputError {
  return new UnreadableInputError({ feed: adapter.feed, format, reason, location })
}
