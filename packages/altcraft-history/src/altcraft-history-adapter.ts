import type { Adapter } from '@evnorm/core'
import { createVocabularyIndex, RecordRejectionError } from '@evnorm/core/adapter'
import { ALTCRAFT_HISTORY_FEED } from './altcraft-history-event-id.js'
import { ALTCRAFT_HISTORY_FORMATS, parseAltcraftHistory } from './altcraft-history-parse.js'
import { readAltcraftHistoryRecord } from './altcraft-history-record.js'
import { ALTCRAFT_HISTORY_VOCABULARY } from './altcraft-history-vocabulary.js'
import { mapAltcraftHistoryAction } from './map-altcraft-history-action.js'

/** Options of {@link createAltcraftHistoryAdapter}. */
export interface AltcraftHistoryOptions {
  /**
   * Expand a record with `count` N (N actions collapsed into one second) into N events of
   * count 1 with distinct deterministic ids, instead of one event carrying `count: N`
   * (default false). Records with N above 10,000 are rejected in this mode.
   */
  readonly expandCount?: boolean
  /**
   * Attach the record's `subscriptions` as `profileSubscriptions` (default false). They are
   * the profile's subscriptions at query time, not at the time of the event.
   */
  readonly includeSubscriptions?: boolean
}

function booleanOption(
  options: AltcraftHistoryOptions,
  name: keyof AltcraftHistoryOptions,
): boolean {
  const value = options[name]
  if (value === undefined) return false
  if (typeof value !== 'boolean') {
    throw new TypeError(
      `createAltcraftHistoryAdapter: ${name} must be a boolean, got ${typeof value}`,
    )
  }
  return value
}

/**
 * Creates the adapter for Altcraft profile action history (`subscribers/history_get` and
 * `history_get_all` responses in JSON, XML or CSV, or NDJSON of records). Throws a
 * TypeError on invalid options.
 */
export function createAltcraftHistoryAdapter(options: AltcraftHistoryOptions = {}): Adapter {
  const mapOptions = {
    expandCount: booleanOption(options, 'expandCount'),
    includeSubscriptions: booleanOption(options, 'includeSubscriptions'),
  }
  const lookup = createVocabularyIndex(ALTCRAFT_HISTORY_VOCABULARY)
  return {
    specificationVersion: 'v1',
    feed: ALTCRAFT_HISTORY_FEED,
    vendor: 'altcraft',
    vocabulary: ALTCRAFT_HISTORY_VOCABULARY,
    formats: ALTCRAFT_HISTORY_FORMATS,
    jsonRecordPaths: [['data'], []],
    identicalRecords: 'distinct',
    signature: {
      recordKeys: [['action', 'datetime']],
      documents: [
        {
          keys: ['data'],
          anyOf: ['error', 'error_text'],
          name: 'a {"data", "error"} response envelope',
        },
        {
          keys: ['error', 'error_text'],
          without: ['action'],
          name: 'an {"error", "error_text"} response envelope',
        },
      ],
      xmlRoots: ['xml'],
    },
    parse: parseAltcraftHistory,
    normalize(value) {
      try {
        const record = readAltcraftHistoryRecord(value)
        return {
          success: true,
          events: mapAltcraftHistoryAction(record, lookup(record.action), mapOptions),
        }
      } catch (error) {
        if (!(error instanceof RecordRejectionError)) throw error
        return error.rejection
      }
    },
  }
}

/** The Altcraft history adapter with default options. */
export const altcraftHistoryAdapter: Adapter = createAltcraftHistoryAdapter()
