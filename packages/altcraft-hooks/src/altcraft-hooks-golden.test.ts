import { readFileSync } from 'node:fs'
import { normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { altcraftHooksAdapter } from './index.js'

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')

const GOLDEN = [
  [
    'the constructed HTTP batch of every documented field',
    'documented-batch.json',
    'documented-batch.events.json',
  ],
  ['one message of every event group', 'event-groups.batch.json', 'event-groups.events.json'],
  [
    'the historical re-export with nulls',
    'historical-export.ndjson',
    'historical-export.events.json',
  ],
] as const

describe('golden fixtures (expected events written from the vendor docs)', () => {
  for (const [name, input, expected] of GOLDEN) {
    it(`normalizes ${name}`, () => {
      const result = normalize(altcraftHooksAdapter, fixture(input))
      expect(result.success).toBe(true)
      if (!result.success) return
      expect(result.rejections).toEqual([])
      expect(result.events).toEqual(JSON.parse(fixture(expected)))
    })
  }
})
