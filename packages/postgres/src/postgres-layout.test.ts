import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  columnDifferences,
  createTableSql,
  EVENTS_TABLE,
  LAYOUT_TABLES,
} from './postgres-layout.js'
import { EVENT_COLUMN_VALUES } from './write-unit.js'

describe('the table layout', () => {
  it('is the DDL the README documents', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    for (const table of LAYOUT_TABLES) expect(readme).toContain(createTableSql(table))
  })

  it('reads every evnorm_events column from the staged event', () => {
    expect(Object.keys(EVENT_COLUMN_VALUES)).toEqual(EVENTS_TABLE.columns.map((c) => c.name))
  })

  it('names missing, unexpected and retyped columns', () => {
    const actual = new Map(EVENTS_TABLE.columns.map((c) => [c.name, c.type]))
    expect(columnDifferences(EVENTS_TABLE, actual)).toEqual([])
    actual.delete('test')
    actual.set('extra', 'text')
    actual.set('count', 'bigint')
    expect(columnDifferences(EVENTS_TABLE, actual)).toEqual([
      'missing columns test',
      'unexpected columns extra',
      'count is bigint, not integer',
    ])
  })
})
