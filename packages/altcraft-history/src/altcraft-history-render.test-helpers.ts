import type { HistoryRecord } from './altcraft-history-arbitraries.test-helpers.js'

/** How an XML rendering writes string arrays (`cats`), which the docs do not show. */
export type XmlArrayStyle = 'item' | 'siblings'

/** Options of {@link renderXml}. */
export interface XmlRenderOptions {
  /** `<cats><item>a</item></cats>` or `<cats>a</cats><cats>b</cats>`. */
  readonly arrays?: XmlArrayStyle
  /** Indent with newlines, as the vendor page shows. */
  readonly pretty?: boolean
}

const ELEMENT_OF: Readonly<Record<string, string>> = { data: 'item', subscriptions: 'subscription' }

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

function element(name: string, value: unknown, options: XmlRenderOptions): string {
  if (Array.isArray(value)) {
    const child = ELEMENT_OF[name]
    if (child !== undefined) {
      if (value.length === 0) return `<${name}/>`
      return `<${name}>${value.map((item) => element(child, item, options)).join('')}</${name}>`
    }
    if (options.arrays === 'siblings') {
      return value.length === 0
        ? `<${name}/>`
        : value.map((item) => element(name, item, options)).join('')
    }
    if (value.length === 0) return `<${name}/>`
    return `<${name}>${value.map((item) => element('item', item, options)).join('')}</${name}>`
  }
  if (typeof value === 'object' && value !== null) {
    const children = Object.entries(value).map(([key, child]) => element(key, child, options))
    if (children.length === 0) return `<${name}/>`
    const separator = options.pretty === true ? '\n  ' : ''
    return `<${name}>${separator}${children.join(separator)}${separator}</${name}>`
  }
  const text = escapeXml(String(value))
  return text === '' ? `<${name}></${name}>` : `<${name}>${text}</${name}>`
}

/** Renders records as Altcraft's XML response (`<xml><data><item>…`), a small test renderer. */
export function renderXml(
  records: readonly HistoryRecord[],
  options: XmlRenderOptions = {},
): string {
  const newline = options.pretty === true ? '\n' : ''
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xml>',
    element('data', records, options),
    '<error>0</error>',
    '<error_text>Successful operation</error_text>',
    '</xml>',
  ].join(newline)
}

/** Renders records as Altcraft's JSON response envelope. */
export function renderJson(records: readonly HistoryRecord[]): string {
  return JSON.stringify({ data: records, error: 0, error_text: 'Successful operation' })
}

function csvCell(value: unknown, delimiter: string): string {
  if (value === undefined) return ''
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * Renders records as CSV: a header row of every field in first-seen order, nested values as
 * JSON cells, absent fields as empty cells.
 */
export function renderCsv(records: readonly HistoryRecord[], delimiter: ',' | ';' = ','): string {
  const header: string[] = []
  for (const record of records) {
    for (const key of Object.keys(record)) if (!header.includes(key)) header.push(key)
  }
  const rows = records.map((record) =>
    header.map((key) => csvCell(record[key], delimiter)).join(delimiter),
  )
  return [header.join(delimiter), ...rows].join('\r\n')
}
