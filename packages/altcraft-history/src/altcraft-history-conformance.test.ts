import { readFileSync } from 'node:fs'
import { testAdapter } from '@evnorm/core/testing'
import { historyRecord } from './altcraft-history-arbitraries.test-helpers.js'
import { renderCsv } from './altcraft-history-render.test-helpers.js'
import {
  ALTCRAFT_HISTORY_DROPPED_FIELDS,
  altcraftHistoryAdapter,
  altcraftHistoryDroppedFields,
  createAltcraftHistoryAdapter,
} from './index.js'

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
}

const documents = [
  { name: 'the EN JSON response example', input: fixture('vendor-en.json') },
  { name: 'the EN XML response example', input: fixture('vendor-en.xml') },
  { name: 'the RU JSON response example', input: fixture('vendor-ru.json') },
  { name: 'constructed records as a bare array', input: fixture('constructed.json') },
  {
    name: 'constructed records as CSV',
    input: renderCsv(JSON.parse(fixture('constructed.json')), ';'),
    format: 'csv' as const,
  },
]

testAdapter({
  adapter: altcraftHistoryAdapter,
  fixtures: { recordFor: historyRecord, documents, droppedFields: ALTCRAFT_HISTORY_DROPPED_FIELDS },
})
const options = { expandCount: true, includeSubscriptions: true }
testAdapter({
  adapter: createAltcraftHistoryAdapter(options),
  fixtures: {
    recordFor: historyRecord,
    numRuns: 30,
    droppedFields: altcraftHistoryDroppedFields(options),
  },
})
