import { type ParseResult, parseJsonLossless, UnreadableInputError } from '@evnorm/core'
import { parse } from 'csv-parse/sync'
import { ALTCRAFT_HISTORY_FEED } from './altcraft-history-event-id.js'
import { integerFromText, RECORD_INTEGER_FIELDS } from './altcraft-history-text-fields.js'
import { AltcraftRecordProblem, markParseProblem } from './altcraft-record-problem.js'

/** Cells that hold JSON (documented for `subscriptions` and `fields`; `subscription` alike). */
const JSON_CELLS: ReadonlySet<string> = new Set(['subscriptions', 'fields', 'subscription'])

/**
 * The delimiter of a history CSV: `;` when the header row has more semicolons than commas
 * outside double quotes, `,` otherwise.
 */
export function detectCsvDelimiter(text: string): ',' | ';' {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (let at = 0; at < text.length; at++) {
    const char = text[at]
    if (char === '"') quoted = !quoted
    else if (quoted) continue
    else if (char === '\n' || char === '\r') break
    else if (char === ',') commas++
    else if (char === ';') semicolons++
  }
  return semicolons > commas ? ';' : ','
}

function unreadable(reason: string, location?: string): ParseResult {
  return {
    success: false,
    error: new UnreadableInputError({
      feed: ALTCRAFT_HISTORY_FEED,
      format: 'csv',
      reason,
      ...(location === undefined ? {} : { location }),
    }),
  }
}

function cellValue(name: string, cell: string): unknown {
  if (RECORD_INTEGER_FIELDS.has(name)) return integerFromText(cell)
  return cell
}

function rowRecord(header: readonly string[], cells: readonly string[], row: number): object {
  const entries: [string, unknown][] = []
  let problem: AltcraftRecordProblem | undefined
  for (let column = 0; column < cells.length && column < header.length; column++) {
    const name = header[column] as string
    const cell = cells[column] as string
    if (cell === '') continue
    if (!JSON_CELLS.has(name)) {
      entries.push([name, cellValue(name, cell)])
      continue
    }
    const parsed = parseJsonLossless(cell)
    entries.push([name, parsed.success ? parsed.value : cell])
    if (!parsed.success && problem === undefined) {
      problem = new AltcraftRecordProblem(
        'invalid_field',
        `row ${row}, cell '${name}': expected JSON (CSV renders ${name} as a JSON string), but it does not parse: ${parsed.message}`,
        [name],
      )
    }
  }
  const record = Object.fromEntries(entries)
  if (cells.length > header.length) {
    problem ??= new AltcraftRecordProblem(
      'invalid_field',
      `row ${row}: has ${cells.length} cells but the header names ${header.length} columns`,
      [],
    )
  }
  if (problem !== undefined) markParseProblem(record, problem)
  return record
}

/**
 * Reads an Altcraft CSV response: a header row naming the record fields, `,` or `;` as
 * delimiter (detected from the header), RFC 4180 quoting. Empty cells are absent; the
 * `subscriptions`, `fields` and `subscription` cells are JSON, and a cell that does not
 * parse makes its record a rejection naming the row and the cell. Row N counts the header
 * as row 1. Never throws on data.
 */
export function parseAltcraftHistoryCsv(text: string): ParseResult {
  let rows: string[][]
  try {
    rows = parse(text, {
      delimiter: detectCsvDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
    })
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines
    return unreadable(
      error instanceof Error ? error.message : String(error),
      typeof lines === 'number' ? `line ${lines}` : undefined,
    )
  }
  const header = rows[0]?.map((name) => name.trim())
  if (header === undefined) return unreadable('the CSV has no header row')
  const records = rows.slice(1).map((cells, index) => rowRecord(header, cells, index + 2))
  return { success: true, format: 'csv', records, locate: (index) => `row ${index + 2}` }
}
