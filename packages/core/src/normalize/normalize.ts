import type { AnyAdapter, InputFormat } from '../model/adapter.js'
import type { UnreadableInputError, VendorErrorEnvelopeError } from '../model/errors.js'
import type { BatchResult } from '../model/outcome.js'
import { parseWhole } from './json-elements.js'
import { type RecordOptions, RecordRunner } from './record-runner.js'

/** Options of {@link normalize}. */
export interface NormalizeOptions extends RecordOptions {
  /** The input's format; detected from the content when absent. */
  readonly format?: InputFormat
}

/** What {@link normalize} returns: the batch, or the typed error that stopped the whole input. */
export type NormalizeResult =
  | ({ readonly success: true; readonly format: InputFormat | 'value' } & BatchResult)
  | { readonly success: false; readonly error: VendorErrorEnvelopeError | UnreadableInputError }

/**
 * Normalizes one whole input (response text, bytes, or an already-parsed value) with an
 * adapter. Every record yields one outcome; a vendor error envelope or an unreadable input
 * is a typed error. A JSON text's record arrays are read element by element as
 * {@link normalizeStream} reads them when it matters: a broken element becomes an `invalid_json`
 * rejection and the others still count, and every record array of an envelope that repeats
 * its key counts. Never throws on data.
 */
export function normalize(
  adapter: AnyAdapter,
  input: unknown,
  options: NormalizeOptions = {},
): NormalizeResult {
  const parsed = parseWhole(adapter, input, options.format)
  if (!parsed.success) return parsed
  const runner = new RecordRunner(adapter, options, parsed.format === 'value')
  const batch = runner.run(parsed.records, parsed.locate)
  return { success: true, format: parsed.format, ...batch }
}

/**
 * Normalizes records that are already split out of their input (e.g. rows you parsed
 * yourself). Record `i` is located as `$[i]`.
 */
export function normalizeRecords(
  adapter: AnyAdapter,
  records: readonly unknown[],
  options: RecordOptions = {},
): BatchResult {
  return new RecordRunner(adapter, options, true).run(records, (index) => `$[${index}]`)
}
