import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { SOURCE_NAMES } from './sources.js'
import { vocabularyMarkdown } from './vocabulary-tables.js'

it("keeps the root README's vocabulary tables equal to the adapters' vocabularies (pnpm readme:vocabulary)", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  const section = readme.slice(
    readme.indexOf('<!-- vocabulary:start -->') + '<!-- vocabulary:start -->'.length,
    readme.indexOf('<!-- vocabulary:end -->'),
  )
  expect(section.trim()).toBe(vocabularyMarkdown(SOURCE_NAMES).replace(/^## /gm, '### ').trim())
})
