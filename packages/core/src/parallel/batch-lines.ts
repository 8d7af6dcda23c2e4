import type { BatchResult, RecordOutcome, Rejection } from '../model/outcome.js'
import { batchFromOutcomes } from '../normalize/batch-from-outcomes.js'

/** A batch as NDJSON text, with the batch its lines describe. */
export interface BatchLines {
  /** One line per event. */
  readonly events: string
  /** One line per rejection (empty unless asked for). */
  readonly rejections: string
  /** The batch the lines describe: the input batch, unless a value could not be written. */
  readonly batch: BatchResult
}

/** What replaces a rejection's raw record that cannot be written as JSON. */
const RAW_NOT_WRITTEN = 'raw record not written: JSON.stringify failed on it'

/**
 * Writes a batch's events (and its rejections, when `withRejections`) as NDJSON lines. A
 * value `JSON.stringify` cannot write (core keeps what it emits serializable, so this is a
 * last safety net) never stops the run: an event becomes an `invalid_event` rejection of its
 * record, a rejection keeps everything but its raw record, and the returned batch counts it so.
 */
export function batchLines(batch: BatchResult, feed: string, withRejections: boolean): BatchLines {
  try {
    return {
      events: toNdjson(batch.events),
      rejections: withRejections ? toNdjson(batch.rejections) : '',
      batch,
    }
  } catch {
    return salvage(batch, feed, withRejections)
  }
}

function toNdjson(values: readonly unknown[]): string {
  let text = ''
  for (const value of values) text += `${JSON.stringify(value)}\n`
  return text
}

function salvage(batch: BatchResult, feed: string, withRejections: boolean): BatchLines {
  const outcomes: RecordOutcome[] = []
  let eventText = ''
  let rejectionText = ''
  for (const outcome of batch.outcomes) {
    let rejection: Rejection
    if (outcome.success) {
      try {
        eventText += toNdjson(outcome.events)
        outcomes.push(outcome)
        continue
      } catch (error) {
        rejection = unwritableEvent(feed, outcome.index, error)
      }
    } else {
      rejection = outcome.rejection
    }
    if (withRejections) {
      const written = rejectionLine(rejection)
      rejectionText += written.line
      rejection = written.rejection
    }
    outcomes.push({ success: false, index: outcome.index, rejection })
  }
  return { events: eventText, rejections: rejectionText, batch: batchFromOutcomes(outcomes) }
}

/**
 * Rejections as NDJSON lines. One whose raw record `JSON.stringify` cannot write keeps
 * everything else, and its message says so; `rejections` are the rejections as written.
 */
export function rejectionLines(rejections: readonly Rejection[]): {
  readonly text: string
  readonly rejections: readonly Rejection[]
} {
  try {
    return { text: toNdjson(rejections), rejections }
  } catch {
    const written = rejections.map(rejectionLine)
    return {
      text: written.map((entry) => entry.line).join(''),
      rejections: written.map((entry) => entry.rejection),
    }
  }
}

function rejectionLine(rejection: Rejection): { line: string; rejection: Rejection } {
  try {
    return { line: toNdjson([rejection]), rejection }
  } catch (error) {
    const written = {
      ...rejection,
      message: `${rejection.message} (${RAW_NOT_WRITTEN}: ${errorText(error)})`,
      raw: RAW_NOT_WRITTEN,
    }
    return { line: toNdjson([written]), rejection: written }
  }
}

function unwritableEvent(feed: string, index: number, error: unknown): Rejection {
  return {
    feed,
    index,
    locator: `record ${index}`,
    path: [],
    reason: 'invalid_event',
    message: `the record's event cannot be written as JSON: ${errorText(error)}`,
    raw: RAW_NOT_WRITTEN,
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
