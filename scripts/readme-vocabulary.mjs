// Rewrites the vocabulary section of the root README from the adapters' vocabularies
// (`evnorm vocabulary --format md`, headings one level down). Run after `pnpm build`.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

const START = '<!-- vocabulary:start -->'
const END = '<!-- vocabulary:end -->'
const readme = new URL('../README.md', import.meta.url)
const tables = execFileSync(
  process.execPath,
  ['packages/cli/dist/bin.js', 'vocabulary', '--format', 'md'],
  {
    encoding: 'utf8',
  },
).replace(/^## /gm, '### ')
const text = readFileSync(readme, 'utf8')
const before = text.slice(0, text.indexOf(START) + START.length)
const after = text.slice(text.indexOf(END))
writeFileSync(readme, `${before}\n${tables.trim()}\n${after}`)
