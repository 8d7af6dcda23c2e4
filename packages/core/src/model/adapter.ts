import type { CanonicalEvent } from './canonical-event-schema.js'
import type { UnreadableInputError, VendorErrorEnvelopeError } from './errors.js'
import type { RejectionReason } from './outcome.js'
import type { Channel, EventType } from './taxonomy.js'

/** Text formats an adapter can read. */
export const INPUT_FORMATS = ['json', 'ndjson', 'xml', 'csv'] as const

/** A text format an adapter can read. */
export type InputFormat = (typeof INPUT_FORMATS)[number]

/** One vendor verb and what it means canonically. */
export interface VocabularyEntry {
  /** The vendor's action / event name, verbatim. */
  readonly verb: string
  /** The canonical type it maps to. */
  readonly type: EventType
  /** The canonical channel; absent when the channel comes from the record. */
  readonly channel?: Channel
  /** Details fixed by the verb itself (e.g. `{ class: 'hard' }` for `hbounce`). */
  readonly details?: Readonly<Record<string, unknown>>
  /** One line: what the vendor says the verb means. */
  readonly description: string
}

/** A vendor vocabulary: every verb the adapter knows. Anything else maps to `unknown`. */
export type Vocabulary = readonly VocabularyEntry[]

/**
 * A JSON object that is a whole document of the feed rather than a record: a response
 * envelope or a vendor error object.
 */
export interface DocumentSignature {
  /** Keys the object has, every one. */
  readonly keys: readonly string[]
  /** Keys of which the object has at least one, when given. */
  readonly anyOf?: readonly string[]
  /** Keys the object does not have. */
  readonly without?: readonly string[]
  /** How to name such a document when saying why the input was recognised. */
  readonly name: string
}

/**
 * How to tell a feed's input from other feeds' by its first bytes: what its records, its
 * documents and its XML look like. Tools that accept several feeds (the CLI's `--source auto`)
 * read the input's head and ask each registered adapter in turn.
 */
export interface InputSignature {
  /**
   * Key sets a record of the feed has: a record (JSON object, NDJSON line, CSV header) with
   * every key of one set belongs to the feed. Pick keys no other vendor's records combine.
   */
  readonly recordKeys: readonly (readonly string[])[]
  /** Whole-document objects (envelopes, error objects) that are not records. */
  readonly documents?: readonly DocumentSignature[]
  /** Root element names of the feed's XML documents. */
  readonly xmlRoots?: readonly string[]
}

/** Options of an adapter's `parse`. */
export interface ParseOptions {
  /** The input's format; detected from the content when absent. */
  readonly format?: InputFormat
}

/** What an adapter's `parse` returns: the records, or the reason there are none. */
export type ParseResult =
  | {
      readonly success: true
      /** The format that was read (`value` for already-parsed input). */
      readonly format: InputFormat | 'value'
      /** The records, in input order (an {@link UnparseableRecord} for one that could not be read). */
      readonly records: readonly unknown[]
      /** Where record `index` sits in the input, e.g. `$.data[3]`, `line 4`. */
      readonly locate: (index: number) => string
    }
  | {
      readonly success: false
      /** A vendor error envelope, or an input that cannot be read at all. */
      readonly error: VendorErrorEnvelopeError | UnreadableInputError
    }

/** What the normalizer knows besides the record itself. */
export interface NormalizeContext<Hints = undefined> {
  /** Position of the record in the whole run (0-based). */
  readonly index: number
  /** Position of the record among the records `analyzeBatch` saw with it, for use with `hints`. */
  readonly batchIndex: number
  /** What `analyzeBatch` found for those records (undefined without `analyzeBatch`). */
  readonly hints: Hints
}

/**
 * How a record stands to the records before it in the evidence of `analyzeBatch` (see
 * {@link Adapter.evidenceSpans}):
 * - `alone`: it shares evidence with no other record; it closes the open span, if any, and is
 *   not analyzed: it gets the hints `analyzeBatch` gives no records (asked once per run).
 * - `open`: it closes the open span, if any, and opens a new one.
 * - `join`: it joins the open span (opens one when none is open).
 */
export type EvidenceStep = 'alone' | 'open' | 'join'

/** What an adapter's `normalize` returns for one record. */
export type RecordResult =
  | {
      readonly success: true
      /** The record's events: one, or several when the adapter expands an aggregate. */
      readonly events: readonly CanonicalEvent[]
    }
  | {
      readonly success: false
      /** Stable reason code. */
      readonly reason: RejectionReason
      /** Readable message naming the field and the problem. */
      readonly message: string
      /** Path of the offending field inside the record. */
      readonly path?: readonly (string | number)[]
    }

/**
 * The adapter contract, v1: everything core needs to turn one vendor surface into canonical
 * events. Adapters are plain objects made by a factory (`createXAdapter(options)`); core
 * (`normalize`, `normalizeStream`, `createNormalizeTransform`) does the rest.
 */
export interface Adapter<Hints = undefined> {
  /** Contract version. */
  readonly specificationVersion: 'v1'
  /** Feed id, e.g. `smaily.history`. */
  readonly feed: string
  /** Vendor name, e.g. `smaily`. */
  readonly vendor: string
  /** Every verb the adapter knows, as data. */
  readonly vocabulary: Vocabulary
  /** Text formats `parse` reads. */
  readonly formats: readonly InputFormat[]
  /**
   * Where records live inside a JSON document, as object-key paths: `[]` is a bare top-level
   * array, `['data']` the `data` array of an envelope object. Streaming reads these arrays
   * element by element.
   */
  readonly jsonRecordPaths: readonly (readonly string[])[]
  /**
   * What two identical records with content-derived ids in one run mean: `distinct` (two
   * real occurrences: the second gets occurrence 2 and its own id) or `same` (one occurrence
   * delivered twice: both keep the same id).
   */
  readonly identicalRecords: 'distinct' | 'same'
  /** How to recognise the feed's input among others' (optional; see {@link InputSignature}). */
  readonly signature?: InputSignature
  /**
   * Reads a whole input (text, bytes, or an already-parsed value) into records, or returns a
   * typed error for a vendor error envelope or an unreadable input. Never throws on data.
   */
  parse(input: unknown, options?: ParseOptions): ParseResult
  /**
   * Optional pass over a batch of records before they are normalized, for evidence that
   * spans records (e.g. sequence order). Must be pure and must not throw on data. Without
   * {@link Adapter.evidenceSpans} a batch is the whole input of `normalize` or one
   * `batchSize` batch of a stream, so the hints can depend on where a stream batch ends.
   */
  analyzeBatch?(records: readonly unknown[]): Hints
  /**
   * Optional, with `analyzeBatch`: splits a run into the spans of records whose evidence is
   * shared, so the hints depend on the input alone, never on batches or chunks. Core calls it
   * once per run and passes every record, in input order, to the function it returns (which
   * may keep state; it must not throw on data). `analyzeBatch` then sees one span at a time,
   * in every entry point. Streams hold back the records of an open span until a record closes
   * it, it reaches `EVIDENCE_SPAN_LIMIT` records (core then closes it; the next `join` opens a
   * new one) or the input ends, so a span should close soon after the records that can share
   * its evidence have passed. After a record it calls `alone`, the function must behave as a
   * new one: parallel runs start a new function at such a record.
   */
  evidenceSpans?(): (record: unknown) => EvidenceStep
  /** Turns one record into events or a rejection. Pure; never throws on data. */
  normalize(record: unknown, context: NormalizeContext<Hints>): RecordResult
}

/** Any adapter, whatever its batch hints. */
// biome-ignore lint/suspicious/noExplicitAny: hints are private to each adapter
export type AnyAdapter = Adapter<any>

/**
 * A record that could not be read (e.g. an NDJSON line that is not JSON). Parsers put it in
 * `records` in place of the value; core turns it into an `invalid_json` rejection.
 */
export class UnparseableRecord {
  /** The record's raw text. */
  readonly text: string
  /** Why it could not be read. */
  readonly message: string

  constructor(text: string, message: string) {
    this.text = text
    this.message = message
  }
}
