import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALTCRAFT_HISTORY_VOCABULARY, altcraftHistoryDroppedFields } from './index.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

function vocabularyRows(): string[][] {
  const section = readme.slice(readme.indexOf('## Vocabulary'), readme.indexOf('## Field mapping'))
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
}

/** The fields named in the first column of the README's "Fields not kept" table. */
function fieldsNotKept(): string[] {
  const section = readme.slice(readme.indexOf('## Fields not kept'), readme.indexOf('## Event ids'))
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => (line.split('|')[1] ?? '').split(',').map((cell) => cell.trim()))
    .map((cell) => cell.replaceAll('`', ''))
}

function detailsText(details: Readonly<Record<string, unknown>> | undefined): string {
  if (details === undefined) return ''
  const entries = Object.entries(details).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? `'${value}'` : String(value)}`,
  )
  return `\`{ ${entries.join(', ')} }\``
}

describe('README', () => {
  it('lists every field the adapter does not keep, under any options', () => {
    const dropped = [false, true].flatMap((expandCount) =>
      [false, true].flatMap((includeSubscriptions) =>
        altcraftHistoryDroppedFields({ expandCount, includeSubscriptions }),
      ),
    )
    expect(new Set(fieldsNotKept())).toEqual(new Set(dropped))
  })

  it('shows the whole vocabulary, as the adapter has it', () => {
    const rows = vocabularyRows()
    expect(rows.map((row) => row[0])).toEqual(
      ALTCRAFT_HISTORY_VOCABULARY.map((entry) => `\`${entry.verb}\``),
    )
    ALTCRAFT_HISTORY_VOCABULARY.forEach((entry, index) => {
      const [, type, channel, details, meaning] = rows[index] as string[]
      expect(type).toBe(`\`${entry.type}\``)
      expect(channel).toBe(
        entry.channel === undefined
          ? "the record's `channel` (else the subscription's, else `other`)"
          : `\`${entry.channel}\``,
      )
      expect(details).toBe(detailsText(entry.details))
      expect(meaning).toBe(entry.description)
    })
  })
})
