import type { Adapter } from '@evnorm/core'
import { createJsonRecordParser, createVocabularyIndex } from '@evnorm/core/adapter'
import { SENDGRID_EVENTS_VOCABULARY } from './sendgrid-events-vocabulary.js'
import { SENDGRID_EVENTS_FEED, mapSendgridEventsRecord } from './map-sendgrid-events-record.js'

/** Creates the adapter for sendgrid (feed `sendgrid.events`): a JSON array of records, or NDJSON. */
export function createSendgridEventsAdapter(): Adapter {
  const lookup = createVocabularyIndex(SENDGRID_EVENTS_VOCABULARY)
  return {
    specificationVersion: 'v1',
    feed: SENDGRID_EVENTS_FEED,
    vendor: 'sendgrid',
    vocabulary: SENDGRID_EVENTS_VOCABULARY,
    formats: ['json', 'ndjson'],
    jsonRecordPaths: [[]],
    identicalRecords: 'same',
    signature: { recordKeys: [['event', 'timestamp', 'id']] },
    parse: createJsonRecordParser({ feed: SENDGRID_EVENTS_FEED, recordPaths: [[]] }),
    normalize: (record) => mapSendgridEventsRecord(record, lookup),
  }
}

/** The sendgrid adapter with default options. */
export const sendgridEventsAdapter: Adapter = createSendgridEventsAdapter()
