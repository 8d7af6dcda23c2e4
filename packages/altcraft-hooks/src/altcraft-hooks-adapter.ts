import type { Adapter, RecordResult } from '@evnorm/core'
import { createVocabularyIndex, RecordRejectionError } from '@evnorm/core/adapter'
import { ALTCRAFT_HOOKS_FEED } from './altcraft-hooks-event-id.js'
import { FieldReader } from './altcraft-hooks-field-reader.js'
import { readHookMessage } from './altcraft-hooks-message.js'
import { ALTCRAFT_HOOKS_FORMATS, parseHookInput } from './altcraft-hooks-parse.js'
import { ALTCRAFT_HOOKS_VOCABULARY } from './altcraft-hooks-vocabulary.js'
import { mapHookMessage } from './map-altcraft-hooks-message.js'

/** Options of {@link createAltcraftHooksAdapter}. */
export interface AltcraftHooksAdapterOptions {
  /**
   * Read the event name from `event` when a message has no `event_type` (absent, `null` or
   * `""`; the vendor's batch page illustrates messages with `event`, a documented inconsistency).
   * A non-empty `event_type` always wins. Default `true`.
   */
  readonly eventKeyFallback?: boolean
}

/**
 * Creates the adapter for Altcraft action hooks (feed `altcraft.hooks`): HTTP POST JSON
 * batches, single broker messages (RabbitMQ, Kafka), NDJSON, and the historical re-export.
 */
export function createAltcraftHooksAdapter(options: AltcraftHooksAdapterOptions = {}): Adapter {
  const eventKeyFallback = options.eventKeyFallback ?? true
  if (typeof eventKeyFallback !== 'boolean') {
    throw new TypeError(`eventKeyFallback must be a boolean, got ${typeof eventKeyFallback}`)
  }
  const lookup = createVocabularyIndex(ALTCRAFT_HOOKS_VOCABULARY)
  return {
    specificationVersion: 'v1',
    feed: ALTCRAFT_HOOKS_FEED,
    vendor: 'altcraft',
    vocabulary: ALTCRAFT_HOOKS_VOCABULARY,
    formats: ALTCRAFT_HOOKS_FORMATS,
    jsonRecordPaths: [[]],
    identicalRecords: 'same',
    signature: {
      recordKeys: [
        ['event_type', 'event_date'],
        ['event', 'event_date'],
      ],
    },
    parse: parseHookInput,
    normalize(record): RecordResult {
      try {
        const reader = new FieldReader()
        const message = readHookMessage(record, reader, eventKeyFallback)
        return { success: true, events: [mapHookMessage(message, lookup(message.verb), reader)] }
      } catch (error) {
        if (!(error instanceof RecordRejectionError)) throw error
        return error.rejection
      }
    },
  }
}

/** The Altcraft action hooks adapter with default options. */
export const altcraftHooksAdapter: Adapter = createAltcraftHooksAdapter()
