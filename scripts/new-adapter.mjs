// Scaffolds an adapter package: `pnpm new-adapter NAME` writes packages/NAME from
// scripts/adapter-template (a package that builds, runs the conformance kit and passes).
// NAME is `<vendor>-<surface>` in kebab case, e.g. `sendgrid-events` (feed `sendgrid.events`).
// `--into DIR` writes DIR/NAME instead (the scaffold's own test uses it).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const template = join(root, 'scripts', 'adapter-template')
const args = process.argv.slice(2)
const intoAt = args.indexOf('--into')
const into = intoAt === -1 ? join(root, 'packages') : args.splice(intoAt, 2)[1]
const [name] = args

if (name === undefined || !/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(name)) {
  console.error('usage: pnpm new-adapter <vendor>-<surface>   (kebab case, e.g. acme-events)')
  process.exit(2)
}
const target = join(into, name)
if (existsSync(target)) {
  console.error(`${target} exists already`)
  process.exit(1)
}

const [vendor, ...surface] = name.split('-')
const words = name.split('-')
const pascal = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')
const names = {
  __NAME__: name,
  __VENDOR__: vendor,
  __FEED__: `${vendor}.${surface.join('-')}`,
  __PASCAL__: pascal,
  __CAMEL__: pascal[0].toLowerCase() + pascal.slice(1),
  __CONSTANT__: words.join('_').toUpperCase(),
}
const fill = (text) => text.replace(/__[A-Z]+__/g, (key) => names[key] ?? key)

function copy(from) {
  for (const entry of readdirSync(from)) {
    const path = join(from, entry)
    if (statSync(path).isDirectory()) {
      copy(path)
      continue
    }
    const out = join(target, fill(relative(template, path)).replace(/\.tmpl$/, ''))
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, fill(readFileSync(path, 'utf8')))
  }
}

copy(template)
console.log(`wrote ${relative(process.cwd(), target) || target}
next: pnpm install; register it in packages/cli/src/sources.ts; see docs/writing-an-adapter.md`)
