import { JsonStreamScanner } from '../helpers/json-stream-scanner.js'
import { parseRecordText } from '../helpers/record-text.js'
import { decodeText } from '../helpers/text-input.js'
import type { AnyAdapter, InputFormat, ParseResult } from '../model/adapter.js'
import { UnreadableInputError, VendorErrorEnvelopeError } from '../model/errors.js'
import { parseSafely } from './parse-safely.js'

/**
 * The records of a whole input: the adapter's `parse`, or {@link readJsonElements} when it
 * fails, as `normalize` reads an input.
 */
export function parseWhole(
  adapter: AnyAdapter,
  input: unknown,
  format: InputFormat | undefined,
): ParseResult {
  const whole = parseSafely(adapter, input, format)
  return whole.success ? whole : readJsonElements(adapter, input, whole)
}

/**
 * The rare path of `normalize` for a JSON text that does not parse whole: reads its record
 * arrays element by element, as `normalizeStream` does, so one broken element becomes one
 * `invalid_json` record and the rest still count. Returns `failed` unchanged when this does
 * not help (the input is not JSON text, its structure is broken, or the envelope around the
 * arrays does not parse), or the vendor error envelope the envelope turns out to be.
 */
export function readJsonElements(
  adapter: AnyAdapter,
  input: unknown,
  failed: Extract<ParseResult, { success: false }>,
): ParseResult {
  if (!UnreadableInputError.isInstance(failed.error) || failed.error.format !== 'json')
    return failed
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return failed
  if (adapter.jsonRecordPaths.length === 0) return failed
  const decoded = decodeText(input)
  if (!decoded.success) return failed
  const scanner = new JsonStreamScanner(adapter.jsonRecordPaths)
  const texts: string[] = []
  const locators: string[] = []
  let document: string | undefined
  for (const item of [...scanner.push(decoded.text), ...scanner.end()]) {
    if (item.kind === 'error') return failed
    if (item.kind === 'document') document = item.text
    else {
      texts.push(item.text)
      locators.push(item.locator)
    }
  }
  if (document === undefined) return failed
  const records = texts.map(parseRecordText)
  const rest = parseSafely(adapter, document, 'json')
  if (!rest.success) return VendorErrorEnvelopeError.isInstance(rest.error) ? rest : failed
  const scanned = records.length
  return {
    success: true,
    format: 'json',
    records: [...records, ...rest.records],
    locate: (index) =>
      index < scanned ? (locators[index] as string) : rest.locate(index - scanned),
  }
}
