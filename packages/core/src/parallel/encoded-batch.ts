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
  /** The events, one JSON line each (`\n`-terminated), in input order. */
  readonly events: string
}

/** The tally of a batch of events and rejections. */
export function tallyBatch(batch: BatchResult): BatchTally {
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

/** {@link encodeBatch}, with the outcomes its lines describe. */
export function encodeOutcomes(
  batch: BatchResult,
  feed: string,
): { readonly encoded: EncodedBatch; readonly batch: BatchResult } {
  const lines = batchLines(batch, feed, false)
  return { encoded: { ...tallyBatch(lines.batch), events: lines.events }, batch: lines.batch }
}
