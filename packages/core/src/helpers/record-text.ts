import { UnparseableRecord } from '../model/adapter.js'
import { parseJsonLossless } from './lossless-json.js'

/** One record's JSON text (an NDJSON line, an array element): its value, or an {@link UnparseableRecord}. */
export function parseRecordText(text: string): unknown {
  const parsed = parseJsonLossless(text)
  return parsed.success ? parsed.value : new UnparseableRecord(text, parsed.message)
}
