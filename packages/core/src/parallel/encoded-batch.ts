import type { BatchCounts, BatchResult, Rejection } from '../model/outcome.js'
import { batchLines } from './batch-lines.js'

/** What a run's summary counts of one batch: counts, channels, unknown verbs, rejections. */
export interface BatchTally {
  /** Counts; `byType` keys in first-seen order. */
  readonly counts: BatchCounts
  /** Events by canonical channel, in first-seen order. */
  readonly byChannel: readonly (readonly [string, number])[]
  /** Events of type `unknown` by the vendor's verb (`source.verb`), in first-seen order. */
  readonly unknownVerbs: readonly (readonly [string, number])[]
  /** Every rejection, in input order. */
  readonly rejections: readonly Rejection[]
}

/** A batch with its events already written as NDJSON: what a parallel run yields. */
export interface EncodedBatch extends BatchTally {
  /** The events as UTF-8 NDJSON, one `\n`-terminated line each, in input order. */
  readonly events: Uint8Array
  /** The id of each event, in order. */
  readonly ids: readonly string[]
}

/** The tally of a batch of events and rejections. */
function tallyBatch(batch: BatchResult): BatchTally {
  const byChannel = new Map<string, number>()
  const unknownVerbs = new Map<string, number>()
  for (const event of batch.events) {
    byChannel.set(event.channel, (byChannel.get(event.channel) ?? 0) + 1)
    if (event.type === 'unknown') {
      const verb = event.source.verb
      unknownVerbs.set(verb, (unknownVerbs.get(verb) ?? 0) + 1)
    }
  }
  return {
    counts: batch.counts,
    byChannel: [...byChannel],
    unknownVerbs: [...unknownVerbs],
    rejections: batch.rejections,
  }
}

/**
 * The batch with its events written as NDJSON (see {@link batchLines}: an event
 * `JSON.stringify` cannot write becomes its record's `invalid_event` rejection).
 */
export function encodeBatch(batch: BatchResult, feed: string): EncodedBatch {
  return encodeOutcomes(batch, feed).encoded
}

/**
 * {@link encodeBatch}, with the outcomes its lines describe and where each event's line
 * starts, in bytes.
 */
export function encodeOutcomes(
  batch: BatchResult,
  feed: string,
): {
  readonly encoded: EncodedBatch
  readonly batch: BatchResult
  readonly offsets: readonly number[]
} {
  try {
    return encodeEvents(batch)
  } catch {
    return encodeEvents(batchLines(batch, feed, false).batch)
  }
}

function encodeEvents(batch: BatchResult) {
  const bytes = new GrowingBytes()
  const offsets: number[] = []
  const ids: string[] = []
  for (const event of batch.events) {
    offsets.push(bytes.length)
    bytes.line(JSON.stringify(event))
    ids.push(event.id)
  }
  return { encoded: { ...tallyBatch(batch), events: bytes.take(), ids }, batch, offsets }
}

/** UTF-8 lines written into one buffer that doubles as it fills. */
class GrowingBytes {
  #buffer = Buffer.allocUnsafe(1 << 16)
  length = 0

  /** Appends `text` and a line break. */
  line(text: string): void {
    const needed = this.length + 3 * text.length + 1
    if (needed > this.#buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.#buffer.length))
      this.#buffer.copy(grown, 0, 0, this.length)
      this.#buffer = grown
    }
    this.length += this.#buffer.write(text, this.length)
    this.#buffer[this.length++] = 10
  }

  /** The bytes written. */
  take(): Uint8Array {
    return this.#buffer.subarray(0, this.length)
  }
}
