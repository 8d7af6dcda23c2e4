import type { InputFormat } from '@evnorm/core'
import { createJsonRecordParser } from '@evnorm/core/adapter'
import { ALTCRAFT_HOOKS_FEED } from './altcraft-hooks-event-id.js'

/** The text formats the hooks adapter reads. */
export const ALTCRAFT_HOOKS_FORMATS: readonly InputFormat[] = ['json', 'ndjson']

/**
 * Reads a hook input into messages: a JSON array (an HTTP POST batch body), one message object
 * (a RabbitMQ or Kafka delivery), or NDJSON (one message per line), as text, bytes or an
 * already-parsed value. Never throws on data.
 */
export const parseHookInput = createJsonRecordParser({
  feed: ALTCRAFT_HOOKS_FEED,
  formats: ALTCRAFT_HOOKS_FORMATS,
  recordPaths: [[]],
  singleObject: true,
  recordsName: 'hook messages',
})
