import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Every workspace package's export map, as committed and as `pnpm pack` publishes it
// (scripts/consumer-check.mjs installs and loads the real tarballs; this is the fast check).

const root = fileURLToPath(new URL('../../../', import.meta.url))
const require = createRequire(import.meta.url)
const { hooks } = require(join(root, '.pnpmfile.cjs')) as {
  hooks: { beforePacking(manifest: Manifest): Manifest }
}

interface Manifest {
  readonly name: string
  readonly exports: Readonly<Record<string, string | Readonly<Record<string, string>>>>
}

const manifests: Manifest[] = readdirSync(join(root, 'packages')).map(
  (name) =>
    JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) as Manifest,
)

describe.each(manifests.map((manifest) => [manifest.name, manifest] as const))(
  '%s exports',
  (_, manifest) => {
    const entries = Object.entries(manifest.exports).filter(
      ([, target]) => typeof target !== 'string',
    )

    it('serve one build to import and require: the source condition, types, then default', () => {
      for (const [, target] of entries) {
        expect(Object.keys(target)).toEqual(['@evnorm/source', 'types', 'default'])
        const conditions = target as Readonly<Record<string, string>>
        const stem = conditions.default?.replace(/^\.\/dist\/(.*)\.js$/, '$1')
        expect(conditions['@evnorm/source']).toBe(`./src/${stem}.ts`)
        expect(conditions.types).toBe(`./dist/${stem}.d.ts`)
      }
    })

    it('are packed without the source condition', () => {
      const packed = hooks.beforePacking(structuredClone(manifest))
      for (const [key, target] of entries) {
        const { '@evnorm/source': _source, ...published } = target as Record<string, string>
        expect(packed.exports[key]).toEqual(published)
      }
    })
  },
)
