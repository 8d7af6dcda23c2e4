import { describe, expect, it } from 'vitest'
import { formatFromName, isGzipName, isInputFileName, isInputFormat } from './input-format.js'

describe('formatFromName', () => {
  it.each([
    ['export.json', 'json'],
    ['rows.NDJSON', 'ndjson'],
    ['rows.jsonl', 'ndjson'],
    ['history.xml', 'xml'],
    ['dir.v2/history.csv', 'csv'],
    ['history.csv.gz', 'csv'],
    ['rows.ndjson.GZ', 'ndjson'],
  ])('%s → %s', (name, format) => {
    expect(formatFromName(name)).toBe(format)
  })

  it.each(['export', 'export.txt', 'export.gz', 'x.constructor', 'x.__proto__', '<stdin>'])(
    'has no format for %s',
    (name) => {
      expect(formatFromName(name)).toBeUndefined()
      expect(isInputFileName(name)).toBe(false)
    },
  )

  it('knows gzip names and input formats', () => {
    expect(isGzipName('a.json.gz')).toBe(true)
    expect(isGzipName('a.gzip')).toBe(false)
    expect(['json', 'ndjson', 'xml', 'csv'].every(isInputFormat)).toBe(true)
    expect(isInputFormat('yaml')).toBe(false)
  })
})
