import { JsonStreamScanner } from '../helpers/json-stream-scanner.js'
import { parseRecordText } from '../helpers/record-text.js'
import { decodeText, sniffFormat } from '../helpers/text-input.js'
import type { AnyAdapter, InputFormat, ParseResult } from '../model/adapter.js'
import { UnreadableInputError, VendorErrorEnvelopeError } from '../model/errors.js'
import { parseSafely } from './parse-safely.js'

/**
 * The records of a whole input, as `normalize` reads it. JSON text for an adapter with an
 * envelope record path is read with the stream's element scanner first, since `JSON.parse`
 * keeps only the last of repeated envelope keys; otherwise the adapter's `parse` reads it whole
 * (it may read more than the stream, e.g. Smaily's arrays of pages), and the scanner only when
 * the text does not parse.
 */
export function parseWhole(
  adapter: AnyAdapter,
  input: unknown,
  format: InputFormat | undefined,
): ParseResult {
  if (adapter.jsonRecordPaths.some((path) => path.length > 0)) {
    return readJsonElements(adapter, input, format) ?? parseSafely(adapter, input, format)
  }
  const whole = parseSafely(adapter, input, format)
  if (whole.success || !UnreadableInputError.isInstance(whole.error)) return whole
  return readJsonElements(adapter, input, format) ?? whole
}

/**
 * Reads a JSON text with the element scanner of `normalizeStream`, so batch and stream read
 * the same records. Each element of a record array is parsed on its own (a
 * broken one is one `invalid_json` record), every record array counts (an envelope that
 * repeats its `data` key gives the elements of each, where `JSON.parse` would keep the last),
 * and the envelope around the arrays goes to the adapter's `parse`. Undefined when the input
 * is not JSON text for this adapter, or when its structure or envelope is broken: the
 * adapter's `parse` then reads (or refuses) the whole input.
 */
export function readJsonElements(
  adapter: AnyAdapter,
  input: unknown,
  format: InputFormat | undefined,
): ParseResult | undefined {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return undefined
  if (adapter.jsonRecordPaths.length === 0 || !adapter.formats.includes('json')) return undefined
  const decoded = decodeText(input)
  if (!decoded.success || (format ?? sniffFormat(decoded.text)) !== 'json') return undefined
  const scanner = new JsonStreamScanner(adapter.jsonRecordPaths)
  const texts: string[] = []
  const locators: string[] = []
  let document: string | undefined
  for (const item of [...scanner.push(decoded.text), ...scanner.end()]) {
    if (item.kind === 'error') return undefined
    if (item.kind === 'document') document = item.text
    else if (item.kind === 'record') {
      texts.push(item.text)
      locators.push(item.locator)
    }
  }
  if (document === undefined) return undefined
  const rest = parseSafely(adapter, document, 'json')
  if (!rest.success) return VendorErrorEnvelopeError.isInstance(rest.error) ? rest : undefined
  const records = texts.map(parseRecordText)
  const scanned = records.length
  return {
    success: true,
    format: 'json',
    records: [...records, ...rest.records],
    locate: (index) =>
      index < scanned ? (locators[index] as string) : rest.locate(index - scanned),
  }
}
