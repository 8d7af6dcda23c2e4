import { readFileSync } from 'node:fs'
import { testAdapter } from '@evnorm/core/testing'
import { hookDistinctKey, hookMessageFor } from './altcraft-hooks-arbitraries.test-helpers.js'
import { ALTCRAFT_HOOKS_DROPPED_FIELDS, altcraftHooksAdapter } from './index.js'

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')

testAdapter({
  adapter: altcraftHooksAdapter,
  fixtures: {
    recordFor: hookMessageFor,
    distinctKey: hookDistinctKey,
    droppedFields: ALTCRAFT_HOOKS_DROPPED_FIELDS,
    documents: [
      {
        name: 'the constructed HTTP batch of every documented field',
        input: fixture('documented-batch.json'),
      },
      { name: 'one message of every event group', input: fixture('event-groups.batch.json') },
      {
        name: 'the historical re-export with nulls (NDJSON)',
        input: fixture('historical-export.ndjson'),
        format: 'ndjson',
      },
    ],
  },
})
