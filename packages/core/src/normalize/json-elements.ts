import { JsonStreamScanner } from '../helpers/json-stream-scanner.js'
import { parseJsonLossless } from '../helpers/lossless-json.js'
import { decodeText } from '../helpers/text-input.js'
import { type AnyAdapter, type ParseResult, UnparseableRecord } from '../model/adapter.js'
import { UnreadableInputError, VendorErrorEnvelopeError } from '../model/errors.js'
import { parseSafely } from './parse-safely.js'

/** One element of a record array: its parsed value, or an {@link UnparseableRecord}. */
export function readElement(text: string): unknown {
  const parsed = parseJsonLossless(text)
  return parsed.success ? parsed.value : new UnparseableRecord(text, parsed.message)
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
  const items = [...scanner.push(decoded.text), ...scanner.end()]
  if (items.some((item) => item.kind === 'error')) return failed
  const records: unknown[] = []
  const locators: string[] = []
  let document: string | undefined
  for (const item of items) {
    if (item.kind === 'document') document = item.text
    else if (item.kind !== 'error') {
      records.push(readElement(item.text))
      locators.push(item.locator)
    }
  }
  if (document === undefined) return failed
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
