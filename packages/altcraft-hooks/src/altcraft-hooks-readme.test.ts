import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { channelWithoutSubscription } from './altcraft-hooks-vocabulary.js'
import { ALTCRAFT_HOOKS_DROPPED_FIELDS, ALTCRAFT_HOOKS_VOCABULARY } from './index.js'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

function detailsText(details: Readonly<Record<string, unknown>> | undefined): string {
  if (details === undefined) return ''
  const fields = Object.entries(details).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? `'${value}'` : String(value)}`,
  )
  return `\`{ ${fields.join(', ')} }\``
}

/** The fields named in the first column of the README's "Fields not kept" table. */
function fieldsNotKept(): string[] {
  const section = readme.split('## Fields not kept')[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => (line.split('|')[1] ?? '').split(',').map((cell) => cell.trim()))
    .map((cell) => cell.replaceAll('`', ''))
}

describe('README', () => {
  it('lists exactly the fields the adapter does not keep (ALTCRAFT_HOOKS_DROPPED_FIELDS)', () => {
    expect(fieldsNotKept()).toEqual(ALTCRAFT_HOOKS_DROPPED_FIELDS)
  })

  it('lists every vocabulary entry, in order, with its type, channel and fixed details', () => {
    const rows = readme
      .split('\n')
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .filter((cells) => cells.length === 8 && (cells[2] === 'hook' || cells[2] === 'history'))
    expect(rows.map((cells) => cells[1])).toEqual(
      ALTCRAFT_HOOKS_VOCABULARY.map((entry) => `\`${entry.verb}\``),
    )
    ALTCRAFT_HOOKS_VOCABULARY.forEach((entry, index) => {
      const [, , documentedFor, type, channel, details] = rows[index] ?? []
      expect(type, entry.verb).toBe(`\`${entry.type}\``)
      expect(channel, entry.verb).toBe(
        entry.channel === undefined
          ? `from the subscription, else \`${channelWithoutSubscription(entry.verb)}\``
          : `\`${entry.channel}\``,
      )
      expect(details, entry.verb).toBe(detailsText(entry.details))
      expect(documentedFor, entry.verb).toBe(
        entry.description.includes('(history name') ? 'history' : 'hook',
      )
    })
  })
})
