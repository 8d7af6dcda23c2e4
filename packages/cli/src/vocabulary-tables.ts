import type { VocabularyEntry } from '@evnorm/core'
import { SOURCES, type SourceName } from './sources.js'

/** The mapping tables of some feeds as Markdown: one section and table per feed. */
export function vocabularyMarkdown(sources: readonly SourceName[]): string {
  return sources
    .map((name) => {
      const { adapter, description } = SOURCES[name]
      const rows = adapter.vocabulary.map(
        (entry: VocabularyEntry) =>
          `| ${code(entry.verb)} | ${code(entry.type)} | ${entry.channel ?? 'from the record'} | ` +
          `${entry.details === undefined ? '' : code(JSON.stringify(entry.details))} | ${cell(entry.description)} |`,
      )
      return [
        `## ${name} (feed \`${adapter.feed}\`)`,
        '',
        `${description}.`,
        '',
        '| verb | canonical type | channel | details | description |',
        '|---|---|---|---|---|',
        ...rows,
        '',
        `Any other verb becomes an event of type \`unknown\` that keeps the verb in \`source.verb\`.`,
        '',
      ].join('\n')
    })
    .join('\n')
}

/** The mapping tables of some feeds as JSON: an array of `{ source, feed, vendor, formats, vocabulary }`. */
export function vocabularyJson(sources: readonly SourceName[]): string {
  const feeds = sources.map((name) => {
    const { adapter } = SOURCES[name]
    return {
      source: name,
      feed: adapter.feed,
      vendor: adapter.vendor,
      formats: adapter.formats,
      vocabulary: adapter.vocabulary,
    }
  })
  return `${JSON.stringify(feeds, null, 2)}\n`
}

function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|')
}

function code(text: string): string {
  return `\`${cell(text).replace(/`/g, "'")}\``
}
