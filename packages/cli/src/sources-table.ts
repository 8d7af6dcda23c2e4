import { SOURCE_NAMES, SOURCES } from './sources.js'

/** `evnorm sources`: one aligned row per feed (name, feed id, package, formats, known verbs, description). */
export function sourcesTable(): string {
  const rows = [
    ['SOURCE', 'FEED', 'PACKAGE', 'FORMATS', 'VERBS', 'DESCRIPTION'],
    ...SOURCE_NAMES.map((name) => {
      const { adapter, description, packageName } = SOURCES[name]
      return [
        name,
        adapter.feed,
        packageName,
        adapter.formats.join(','),
        String(adapter.vocabulary.length),
        description,
      ]
    }),
  ]
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
  const lines = rows.map((row) =>
    row
      .map((value, column) =>
        column === row.length - 1 ? value : value.padEnd(widths[column] ?? 0),
      )
      .join('  '),
  )
  return `${lines.join('\n')}\n`
}
