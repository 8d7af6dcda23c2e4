import { readFileSync } from 'node:fs'
import { testAdapter } from '@evnorm/core/testing'
import { smailyLogAdapter } from './smaily-adapter.js'
import { smailyDistinctKey, smailyRowArbitrary } from './smaily-arbitraries.test-helpers.js'

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
}

testAdapter({
  adapter: smailyLogAdapter,
  fixtures: {
    droppedFields: [],
    recordFor: smailyRowArbitrary,
    distinctKey: smailyDistinctKey,
    documents: [
      { name: 'the vendor page, example 1 (time window)', input: fixture('vendor-example-1.json') },
      {
        name: 'the vendor page, example 2 (since_seq_id)',
        input: fixture('vendor-example-2.json'),
      },
      { name: 'constructed rows for every action', input: fixture('constructed-rows.json') },
      { name: 'DST edges in time-window mode', input: fixture('dst-window.json') },
      { name: 'a fall-back night in cursor mode', input: fixture('dst-seq-evidence.json') },
    ],
  },
})
