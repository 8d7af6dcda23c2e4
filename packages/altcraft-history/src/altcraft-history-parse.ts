import type { InputFormat, ParseOptions, ParseResult } from '@evnorm/core'
import { readInput } from '@evnorm/core/adapter'
import { parseAltcraftHistoryCsv } from './altcraft-history-csv.js'
import { JSON_LOCATORS, readAltcraftHistoryDocument } from './altcraft-history-document.js'
import { ALTCRAFT_HISTORY_FEED } from './altcraft-history-event-id.js'
import { parseAltcraftHistoryXml } from './altcraft-history-xml.js'

/** Formats the Altcraft history adapter reads. */
export const ALTCRAFT_HISTORY_FORMATS: readonly InputFormat[] = Object.freeze([
  'json',
  'ndjson',
  'xml',
  'csv',
])

/**
 * Reads a whole history input: response text or bytes in JSON, XML or CSV, NDJSON of
 * records, or an already-parsed value (envelope, array of records or one record). A vendor
 * error envelope is a `VendorErrorEnvelopeError`. Never throws on data.
 */
export function parseAltcraftHistory(input: unknown, options: ParseOptions = {}): ParseResult {
  const read = readInput(input, {
    feed: ALTCRAFT_HISTORY_FEED,
    formats: ALTCRAFT_HISTORY_FORMATS,
    ...(options.format === undefined ? {} : { format: options.format }),
  })
  if (!read.success) return read
  switch (read.format) {
    case 'ndjson': {
      const lines = read.lines
      return {
        success: true,
        format: 'ndjson',
        records: read.records,
        locate: (index) => `line ${lines[index]}`,
      }
    }
    case 'xml':
      return parseAltcraftHistoryXml(read.text)
    case 'csv':
      return parseAltcraftHistoryCsv(read.text)
    default:
      return readAltcraftHistoryDocument(read.value, read.format, JSON_LOCATORS)
  }
}
