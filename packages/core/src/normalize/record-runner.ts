import { findUnwritableValue, MAX_NESTING_DEPTH } from '../helpers/nesting-depth.js'
import type { AnyAdapter, EvidenceStep, RecordResult } from '../model/adapter.js'
import { UnparseableRecord } from '../model/adapter.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import {
  type BatchResult,
  REJECTION_REASONS,
  type RecordOutcome,
  type Rejection,
  type RejectionReason,
} from '../model/outcome.js'
import { findEventProblem } from '../model/validate-event.js'
import { createPrivacy, type Privacy, type PrivacyOptions } from '../privacy/privacy.js'
import { batchFromOutcomes } from './batch-from-outcomes.js'
import { OccurrenceWindow, occurrenceId } from './occurrence-window.js'

/** Options shared by every normalize entry point. */
export interface RecordOptions {
  /** Attach the vendor record to each event as `raw` (default false). */
  readonly includeRaw?: boolean
  /**
   * Check every event against the canonical schema (default true). An event that fails
   * becomes an `invalid_event` rejection instead of being emitted.
   */
  readonly validate?: boolean
  /**
   * Drop or hash personal data (see `createPrivacy`) in the events, their `raw`, and the raw
   * records of rejections. Event ids are computed before, from the original values.
   */
  readonly privacy?: PrivacyOptions
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/**
 * The most records an open evidence span of `Adapter.evidenceSpans` holds; core closes
 * the span there, which bounds what a stream holds back.
 */
export const EVIDENCE_SPAN_LIMIT = 100_000

/** Numbers repeats of content-derived ids (see {@link OccurrenceWindow}). */
export interface OccurrenceCounter {
  /** Records the id of an event of the record at `index`; returns its occurrence number. */
  occurrence(id: string, index: number): number
}

/** How a run continues one that other code started (the parallel runner's workers). */
export interface RunPosition {
  /** The run-wide index of the first record pushed (default 0). */
  readonly firstIndex?: number
  /** Counts occurrences instead of a new window of the run's own. */
  readonly occurrences?: OccurrenceCounter
}

/**
 * Runs an adapter's normalizer over successive batches of one run (one input or one stream),
 * keeping the run-wide record index and occurrence window. With `evidenceSpans`, the records
 * of an open span are held back until the span closes (or {@link RecordRunner.end}).
 */
export class RecordRunner {
  readonly #adapter: AnyAdapter
  readonly #includeRaw: boolean
  readonly #validate: boolean
  readonly #privacy: Privacy | undefined
  readonly #occurrences: OccurrenceCounter | undefined
  readonly #step: ((record: unknown) => EvidenceStep) | undefined
  readonly #loneHints: unknown
  #held: unknown[] = []
  #heldLocators: (() => string)[] = []
  #parsedValues: boolean
  #index = 0

  /** Feed id of the adapter. */
  get feed(): string {
    return this.#adapter.feed
  }

  /** The records held back in an open evidence span, in input order. */
  get held(): readonly unknown[] {
    return this.#held
  }

  /**
   * `parsedValues`: the records are values built in code, not parsed from text, so they may
   * hold what JSON cannot (a `BigInt`, a throwing getter, a `Proxy`): each event is then checked
   * to serialize, and one that does not is rejected.
   */
  constructor(
    adapter: AnyAdapter,
    options: RecordOptions = {},
    parsedValues = false,
    position: RunPosition = {},
  ) {
    this.#adapter = adapter
    this.#parsedValues = parsedValues
    this.#includeRaw = options.includeRaw ?? false
    this.#validate = options.validate ?? true
    const privacy = options.privacy === undefined ? undefined : createPrivacy(options.privacy)
    this.#privacy = privacy?.active === true ? privacy : undefined
    this.#occurrences =
      adapter.identicalRecords === 'distinct'
        ? (position.occurrences ?? new OccurrenceWindow())
        : undefined
    this.#index = position.firstIndex ?? 0
    this.#step = adapter.analyzeBatch === undefined ? undefined : adapter.evidenceSpans?.()
    this.#loneHints = this.#step === undefined ? undefined : this.#analyze([])
  }

  /** From now on, checks that every event serializes (records pushed as values may not). */
  checkValues(): void {
    this.#parsedValues = true
  }

  /** Normalizes a whole input: {@link RecordRunner.push}, then {@link RecordRunner.end}. */
  run(records: readonly unknown[], locate: (batchIndex: number) => string): BatchResult {
    const outcomes: RecordOutcome[] = []
    this.#push(records, locate, outcomes)
    this.#release(this.#takeHeld(), outcomes)
    return batchFromOutcomes(outcomes)
  }

  /**
   * Normalizes the next records of the run, holding back those of a still open evidence span
   * (with the held records of earlier calls first); `locate(i)` says where record `i` sits.
   */
  push(records: readonly unknown[], locate: (batchIndex: number) => string): BatchResult {
    const outcomes: RecordOutcome[] = []
    this.#push(records, locate, outcomes)
    return batchFromOutcomes(outcomes)
  }

  /** Ends the run: normalizes the held records (an empty batch when none are held). */
  end(): BatchResult {
    const outcomes: RecordOutcome[] = []
    this.#release(this.#takeHeld(), outcomes)
    return batchFromOutcomes(outcomes)
  }

  #push(
    records: readonly unknown[],
    locate: (batchIndex: number) => string,
    outcomes: RecordOutcome[],
  ): void {
    const step = this.#step
    if (step === undefined) {
      this.#release({ records, locate }, outcomes)
      return
    }
    for (let i = 0; i < records.length; i++) {
      const record = records[i]
      const kind = this.#stepOf(step, record)
      const held = this.#held.length
      if (held > 0 && (kind !== 'join' || held >= EVIDENCE_SPAN_LIMIT)) {
        this.#release(this.#takeHeld(), outcomes)
      }
      if (kind === 'alone') this.#settle(record, 0, this.#loneHints, locate, i, outcomes)
      else {
        this.#held.push(record)
        this.#heldLocators.push(() => locate(i))
      }
    }
  }

  #takeHeld(): Span {
    const records = this.#held
    const locators = this.#heldLocators
    this.#held = []
    this.#heldLocators = []
    return { records, locate: (i) => locators[i]?.() ?? '' }
  }

  #stepOf(step: (record: unknown) => EvidenceStep, record: unknown): EvidenceStep {
    try {
      return step(record)
    } catch {
      return 'alone'
    }
  }

  /** Normalizes the records of one span (or batch) with the hints `analyzeBatch` gives them. */
  #release({ records, locate }: Span, outcomes: RecordOutcome[]): void {
    if (records.length === 0) return
    const hints = this.#analyze(records)
    for (let batchIndex = 0; batchIndex < records.length; batchIndex++) {
      this.#settle(records[batchIndex], batchIndex, hints, locate, batchIndex, outcomes)
    }
  }

  /** Adds the outcome of one record, located (for a rejection) as `locate(at)`. */
  #settle(
    record: unknown,
    batchIndex: number,
    hints: unknown,
    locate: (at: number) => string,
    at: number,
    outcomes: RecordOutcome[],
  ): void {
    const index = this.#index++
    const result = this.#normalizeOne(record, index, batchIndex, hints)
    const privacy = this.#privacy
    if (result.success) {
      const events =
        privacy === undefined ? result.events : result.events.map((event) => privacy.event(event))
      outcomes.push({ success: true, index, events })
      return
    }
    const raw = isUnparseable(record) ? record.text : record
    const unwritable = findUnwritableValue(raw)
    const notKept = `raw record not kept: ${unwritable}`
    const rejection: Rejection = {
      feed: this.#adapter.feed,
      index,
      locator: locate(at),
      path: result.path ?? [],
      reason: result.reason,
      message: unwritable === undefined ? result.message : `${result.message} (${notKept})`,
      raw: unwritable === undefined ? raw : notKept,
    }
    outcomes.push({
      success: false,
      index,
      rejection: privacy === undefined ? rejection : privacy.rejection(rejection),
    })
  }

  #analyze(records: readonly unknown[]): unknown {
    try {
      return this.#adapter.analyzeBatch?.(records)
    } catch {
      return undefined
    }
  }

  #normalizeOne(record: unknown, index: number, batchIndex: number, hints: unknown): RecordResult {
    if (isUnparseable(record)) {
      return { success: false, reason: 'invalid_json', message: record.message }
    }
    let result: RecordResult
    try {
      result = this.#adapter.normalize(record, { index, batchIndex, hints })
    } catch (error) {
      const unwritable = findUnwritableValue(record)
      if (unwritable !== undefined)
        return fail('invalid_field', `the record is not data: ${unwritable}`)
      return fail('adapter_error', `the adapter threw on this record: ${errorText(error)}`)
    }
    const problem = resultProblem(result)
    if (problem !== undefined) return fail('adapter_error', `the adapter returned ${problem}`)
    if (!result.success) return result
    const rawProblem = this.#includeRaw ? findUnwritableValue(record) : undefined
    if (rawProblem !== undefined) {
      return fail('invalid_field', `the record cannot be attached as raw: ${rawProblem}`)
    }
    const events: CanonicalEvent[] = []
    try {
      for (const built of result.events) {
        const event = this.#finish(built, record, index)
        events.push(event)
        if (this.#validate) {
          const eventProblem = findEventProblem(event)
          if (eventProblem !== undefined) {
            return fail('invalid_event', `the adapter built an invalid event: ${eventProblem}`)
          }
        }
        const unwritable = this.#parsedValues
          ? findUnwritableValue(event, EVENT_NESTING_LIMIT)
          : undefined
        if (unwritable !== undefined) {
          return fail('invalid_field', `the event cannot be written as JSON: ${unwritable}`)
        }
      }
    } catch (error) {
      return fail('adapter_error', `the adapter's event cannot be finished: ${errorText(error)}`)
    }
    return { success: true, events }
  }

  /**
   * The event as core emits it: a repeated content-based event gets its occurrence id, and
   * `raw` is attached on request. A new object whenever something changes: the adapter's own
   * events are never written to.
   */
  #finish(event: CanonicalEvent, record: unknown, index: number): CanonicalEvent {
    let finished = event
    if (this.#occurrences !== undefined && event.source.idBasis === 'content') {
      const occurrence = this.#occurrences.occurrence(event.id, index)
      if (occurrence > 1) {
        finished = {
          ...event,
          id: occurrenceId(this.#adapter.feed, event.id, occurrence),
          source: { ...event.source, occurrence },
        }
      }
    }
    return this.#includeRaw ? { ...finished, raw: record } : finished
  }
}

/** An event nests its verbatim values (each within `MAX_NESTING_DEPTH`) a few levels down. */
const EVENT_NESTING_LIMIT = 2 * MAX_NESTING_DEPTH

const KNOWN_REASONS: ReadonlySet<unknown> = new Set(REJECTION_REASONS)

/** What is wrong with an adapter's result (a bug), or undefined for a well-formed one. */
function resultProblem(result: RecordResult): string | undefined {
  if (typeof result !== 'object' || result === null) return `${String(result)} instead of a result`
  if (result.success === true) {
    const { events } = result
    if (!Array.isArray(events) || events.length === 0) return 'success without events'
    for (const event of events) {
      if (typeof event !== 'object' || event === null) return `the event ${String(event)}`
    }
    return undefined
  }
  if (result.success !== false) return 'a result that is neither a success nor a rejection'
  if (!KNOWN_REASONS.has(result.reason)) {
    return `the unknown rejection reason ${JSON.stringify(String(result.reason))}`
  }
  if (typeof result.message !== 'string') return 'a rejection without a message'
  if (result.path !== undefined && !Array.isArray(result.path))
    return 'a rejection path that is not an array'
  return undefined
}

/** Records normalized together, and where each sits in the input. */
interface Span {
  readonly records: readonly unknown[]
  readonly locate: (index: number) => string
}

/** `instanceof` that survives a `Proxy` whose traps throw. */
function isUnparseable(record: unknown): record is UnparseableRecord {
  try {
    return record instanceof UnparseableRecord
  } catch {
    return false
  }
}

function fail(reason: RejectionReason, message: string): RecordResult {
  return { success: false, reason, message }
}
