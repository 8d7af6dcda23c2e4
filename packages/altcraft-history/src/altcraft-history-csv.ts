import { type ParseResult, UnreadableInputError } from '@evnorm/core'
import { parseJsonLossless, RecordRejectionError, reject } from '@evnorm/core/adapter'
import { parse } from 'csv-parse/sync'
import { ALTCRAFT_HISTORY_FEED } from './altcraft-history-event-id.js'
import { integerFromText, RECORD_INTEGER_FIELDS } from './altcraft-history-text-fields.js'
import { markParseProblem } from './altcraft-record-problem.js'

/** Cells that hold JSON (documented for `subscriptions` and `fields`; `subscription` alike). */
const JSON_CELLS: ReadonlySet<string> = new Set(['subscriptions', 'fields', 'subscription'])

/**
 * The delimiter of a history CSV: `;` when the header row (the first line that is not blank)
 * has more semicolons than commas outside double quotes, `,` otherwise.
 */
export function detectCsvDelimiter(text: string): ',' | ';' {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (let at = text.search(/\S/); at !== -1 && at < text.length; at++) {
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

function rowRecord(header: readonly string[], cells: readonly string[], row: number): object {
  const entries: [string, unknown][] = []
  for (let column = 0; column < cells.length && column < header.length; column++) {
    const cell = cells[column] as string
    if (cell !== '') entries.push([header[column] as string, cell])
  }
  const record: Record<string, unknown> = Object.fromEntries(entries)
  if (cells.length > header.length) {
    markParseProblem(
      record,
      new RecordRejectionError(
        reject(
          'invalid_field',
          [],
          `row ${row}: has ${cells.length} cells but the header names ${header.length} columns`,
        ),
      ),
    )
  }
  for (const [name, cell] of entries) {
    if (RECORD_INTEGER_FIELDS.has(name)) {
      record[name] = integerFromText(cell)
    } else if (JSON_CELLS.has(name)) {
      const parsed = parseJsonLossless(cell as string)
      if (parsed.success) record[name] = parsed.value
      else {
        markParseProblem(
          record,
          new RecordRejectionError(
            reject(
              'invalid_field',
              [name],
              `row ${row}, cell '${name}': expected JSON (CSV renders ${name} as a JSON string), but it does not parse: ${parsed.message}`,
            ),
          ),
        )
      }
    }
  }
  return record
}

/**
 * A line holding only `""` (csv-parse itself skips empty and whitespace-only lines): skipped,
 * but it still counts as a row; as the first line it leaves the CSV without a header row.
 */
function isBlank(cells: readonly string[]): boolean {
  return cells.length === 1 && cells[0] === ''
}

function duplicateColumn(header: readonly string[]): string | undefined {
  const seen = new Map<string, number>()
  for (let column = 0; column < header.length; column++) {
    const name = header[column] as string
    const first = seen.get(name)
    if (first !== undefined) {
      return `the header names the column '${name}' twice (columns ${first + 1} and ${column + 1}), so which cell holds the field is ambiguous`
    }
    if (name !== '') seen.set(name, column)
  }
  return undefined
}

/** A parsed row with csv-parse's running counts (`info: true`). */
type CsvRow = { readonly record: string[]; readonly info: { records: number; empty_lines: number } }

/** A row's spreadsheet number: the records and the empty lines up to and including it. */
function rowNumber(row: CsvRow): number {
  return row.info.records + row.info.empty_lines
}

/**
 * Reads an Altcraft CSV response: a header row naming the record fields, `,` or `;` as
 * delimiter (detected from the header), RFC 4180 quoting, quotes inside unquoted cells kept,
 * unquoted cells trimmed. Empty cells are absent; the `subscriptions`, `fields` and
 * `subscription` cells are JSON, and a cell that does not parse makes its record a
 * rejection naming the row and the cell (when that field is read). Rows are numbered as in
 * a spreadsheet: the header is row 1, blank lines count. Never throws on data.
 */
export function parseAltcraftHistoryCsv(text: string): ParseResult {
  let rows: CsvRow[]
  try {
    rows = parse(text, {
      delimiter: detectCsvDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as CsvRow[]
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines
    return unreadable(
      error instanceof Error ? error.message : String(error),
      typeof lines === 'number' ? `line ${lines}` : undefined,
    )
  }
  const header = rows[0]?.record
  if (header === undefined || isBlank(header)) return unreadable('the CSV has no header row')
  const duplicate = duplicateColumn(header)
  if (duplicate !== undefined) return unreadable(duplicate, `row ${rowNumber(rows[0] as CsvRow)}`)
  const records: object[] = []
  const rowNumbers: number[] = []
  for (let index = 1; index < rows.length; index++) {
    const row = rows[index] as CsvRow
    if (isBlank(row.record)) continue
    const number = rowNumber(row)
    records.push(rowRecord(header, row.record, number))
    rowNumbers.push(number)
  }
  return {
    success: true,
    format: 'csv',
    records,
    locate: (index) => `row ${rowNumbers[index]}`,
  }
}
