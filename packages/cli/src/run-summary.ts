import type { BatchTally } from '@evnorm/core/parallel'
import { rejectionWarnings } from './rejection-warning.js'
import type { SourceName } from './sources.js'

/** How many distinct unknown verbs the summary lists; more are only counted. */
export const MAX_UNKNOWN_VERBS = 1000

/** How many rejections the summary quotes. */
export const QUOTED_REJECTIONS = 5

/** What was read from one input. */
export interface FileReport {
  /** The input's name as given (`<stdin>` for standard input). */
  readonly file: string
  /** The `--source` feed used; `none` for an empty JSON array read with `--source auto`. */
  readonly source: SourceName | 'none'
  /** The adapter's feed id (`none` with `source: 'none'`). */
  readonly feed: string
  /** The format read (`auto` when neither the option, the name nor the content said). */
  readonly format: string
  /** Why `--source auto` chose this feed; absent when `--source` named it. */
  readonly detectedBy?: string
  /** Input records read. */
  records: number
  /** Events written. */
  events: number
  /** Records rejected. */
  rejected: number
}

/** A rejection as the summary quotes it (the full one, with `raw`, goes to `--rejects`). */
export interface QuotedRejection {
  /** The input it came from. */
  readonly file: string
  /** Where the record sits in that input. */
  readonly locator: string
  /** Stable reason code. */
  readonly reason: string
  /** Readable message. */
  readonly message: string
}

/** The run's summary, as `--json-summary` prints it. */
export interface SummaryData {
  /** One report per input, in order. */
  readonly files: readonly FileReport[]
  /** Input records read, in all inputs. */
  readonly records: number
  /** Records that became events. */
  readonly accepted: number
  /** Records rejected (`accepted + rejected = records`). */
  readonly rejected: number
  /** Events written. */
  readonly events: number
  /**
   * Events by canonical type. Keys are inserted most frequent first, but an object's key order
   * is not its insertion order for integer-like keys (`"7"` comes first), so sort by value
   * where order matters.
   */
  readonly byType: Readonly<Record<string, number>>
  /** Events by canonical channel (key order as for `byType`). */
  readonly byChannel: Readonly<Record<string, number>>
  /** Events of type `unknown` by the vendor's verb (`source.verb`; key order as for `byType`). */
  readonly unknownVerbs: Readonly<Record<string, number>>
  /** Unknown-type events whose verb is not listed because {@link MAX_UNKNOWN_VERBS} was reached. */
  readonly unknownVerbsNotListed: number
  /** Rejections by reason code. */
  readonly rejectionsByReason: Readonly<Record<string, number>>
  /** The first {@link QUOTED_REJECTIONS} rejections. */
  readonly firstRejections: readonly QuotedRejection[]
  /** Milliseconds from the start of the run to this summary. */
  readonly elapsedMs: number
  /** Inputs whose records were mostly rejected (a likely wrong `--source`), one line each. */
  readonly warnings: readonly string[]
}

/** Counts of a whole run, fed batch by batch; memory stays bounded. */
export class RunSummary {
  readonly #files: FileReport[] = []
  readonly #byType = new Map<string, number>()
  readonly #byChannel = new Map<string, number>()
  readonly #unknownVerbs = new Map<string, number>()
  readonly #byReason = new Map<string, number>()
  readonly #quoted: QuotedRejection[] = []
  #unknownNotListed = 0
  readonly #now: () => number
  readonly #started: number

  /** Starts the run's clock; `now` gives milliseconds (a fixed clock in tests). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now
    this.#started = now()
  }

  /** Starts the report of one input. */
  startFile(report: Omit<FileReport, 'records' | 'events' | 'rejected'>): FileReport {
    const file: FileReport = { ...report, records: 0, events: 0, rejected: 0 }
    this.#files.push(file)
    return file
  }

  /** Adds one batch of `file`. */
  addBatch(file: FileReport, batch: BatchTally): void {
    file.records += batch.counts.records
    file.events += batch.counts.events
    file.rejected += batch.rejections.length
    for (const [type, count] of Object.entries(batch.counts.byType)) {
      increment(this.#byType, type, count)
    }
    for (const [channel, count] of batch.byChannel) increment(this.#byChannel, channel, count)
    for (const [verb, count] of batch.unknownVerbs) this.#countUnknown(verb, count)
    for (const rejection of batch.rejections) {
      increment(this.#byReason, rejection.reason)
      if (this.#quoted.length < QUOTED_REJECTIONS) {
        this.#quoted.push({
          file: file.file,
          locator: rejection.locator,
          reason: rejection.reason,
          message: rejection.message,
        })
      }
    }
  }

  /** Total records rejected so far. */
  get rejected(): number {
    return this.#files.reduce((sum, file) => sum + file.rejected, 0)
  }

  /** The summary as plain data. */
  toData(): SummaryData {
    const records = this.#files.reduce((sum, file) => sum + file.records, 0)
    const rejected = this.rejected
    return {
      files: this.#files.map((file) => ({ ...file })),
      records,
      accepted: records - rejected,
      rejected,
      events: this.#files.reduce((sum, file) => sum + file.events, 0),
      byType: sorted(this.#byType),
      byChannel: sorted(this.#byChannel),
      unknownVerbs: sorted(this.#unknownVerbs),
      unknownVerbsNotListed: this.#unknownNotListed,
      rejectionsByReason: sorted(this.#byReason),
      firstRejections: [...this.#quoted],
      elapsedMs: this.#now() - this.#started,
      warnings: rejectionWarnings(this.#files),
    }
  }

  #countUnknown(verb: string, count: number): void {
    if (this.#unknownVerbs.has(verb) || this.#unknownVerbs.size < MAX_UNKNOWN_VERBS) {
      increment(this.#unknownVerbs, verb, count)
    } else {
      this.#unknownNotListed += count
    }
  }
}

function increment(counts: Map<string, number>, key: string, count = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + count)
}

/** Orders `[name, count]` entries by count (highest first), then name. */
export function byCountThenName(
  [a, countA]: readonly [string, number],
  [b, countB]: readonly [string, number],
): number {
  return countB - countA || (a < b ? -1 : a > b ? 1 : 0)
}

function sorted(counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(byCountThenName))
}
