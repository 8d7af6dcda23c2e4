import type { CanonicalEvent } from './canonical-event-schema.js'
import type { EventType } from './taxonomy.js'

/**
 * Stable reason codes of a rejection. Adapters use these; messages say the specifics.
 * - `invalid_json`: the record's text is not JSON.
 * - `not_an_object`: the record is not an object.
 * - `missing_field` / `invalid_field`: a required field is absent / has the wrong type or form.
 * - `invalid_time`: the time field is not a valid time in the documented format.
 * - `ambiguous_time` / `nonexistent_time`: a local time in a DST overlap / gap, under a
 *   `reject` policy.
 * - `imprecise_integer`: an integer id above 2^53 arrived as a JS number (already rounded).
 * - `invalid_event`: the adapter built an event that fails the canonical schema (a bug).
 * - `adapter_error`: the adapter threw on this record (a bug); the message says what.
 */
export const REJECTION_REASONS = [
  'invalid_json',
  'not_an_object',
  'missing_field',
  'invalid_field',
  'invalid_time',
  'ambiguous_time',
  'nonexistent_time',
  'imprecise_integer',
  'invalid_event',
  'adapter_error',
] as const

/** A stable rejection reason code. */
export type RejectionReason = (typeof REJECTION_REASONS)[number]

/** A record that could not become an event: what, where and why, with the record itself. */
export interface Rejection {
  /** Feed id of the adapter. */
  readonly feed: string
  /** Position of the record in the input (0-based, across the whole run). */
  readonly index: number
  /** Where the record sits in the input, e.g. `$[3]`, `$.data[3]`, `line 4`, `row 5`. */
  readonly locator: string
  /** Path of the offending field inside the record (empty for the whole record). */
  readonly path: readonly (string | number)[]
  /** Stable reason code. */
  readonly reason: RejectionReason
  /** Readable message naming the field and the problem. */
  readonly message: string
  /** The record as received (parsed value, or the raw text when it could not be parsed). */
  readonly raw: unknown
}

/** The outcome of one input record: its events, or its rejection. */
export type RecordOutcome =
  | { readonly success: true; readonly index: number; readonly events: readonly CanonicalEvent[] }
  | { readonly success: false; readonly index: number; readonly rejection: Rejection }

/** Counts of a batch: `accepted + rejected = records`, always. */
export interface BatchCounts {
  /** Input records seen. */
  readonly records: number
  /** Records that became events. */
  readonly accepted: number
  /** Records rejected. */
  readonly rejected: number
  /** Events emitted (more than `accepted` when an adapter expands a record). */
  readonly events: number
  /** Events by canonical type. */
  readonly byType: Readonly<Partial<Record<EventType, number>>>
}

/** The events and rejections of a batch of records, in input order. */
export interface BatchResult {
  /** One outcome per input record, in input order. */
  readonly outcomes: readonly RecordOutcome[]
  /** Every event, in input order. */
  readonly events: readonly CanonicalEvent[]
  /** Every rejection, in input order. */
  readonly rejections: readonly Rejection[]
  /** Counts. */
  readonly counts: BatchCounts
}
