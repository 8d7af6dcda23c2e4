import type { Adapter } from '@evnorm/core'
import { createJsonRecordParser, createVocabularyIndex } from '@evnorm/core/adapter'
import { mapSendgridEventsRecord, SENDGRID_EVENTS_FEED } from './map-sendgrid-events-record.js'
import { SENDGRID_EVENTS_VOCABULARY } from './sendgrid-events-vocabulary.js'

/**
 * Creates the adapter for the SendGrid Event Webhook (feed `sendgrid.events`): the JSON array
 * of events SendGrid POSTs, or NDJSON of events. Ids come from `sg_event_id` when present, else
 * from the event's content; an identical event without `sg_event_id` is a redelivery.
 */
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
    signature: { recordKeys: [['email', 'event', 'timestamp']] },
    parse: createJsonRecordParser({
      feed: SENDGRID_EVENTS_FEED,
      recordPaths: [[]],
      recordsName: 'events',
    }),
    normalize: (record) => mapSendgridEventsRecord(record, lookup),
  }
}

/** The SendGrid Event Webhook adapter. */
export const sendgridEventsAdapter: Adapter = createSendgridEventsAdapter()
