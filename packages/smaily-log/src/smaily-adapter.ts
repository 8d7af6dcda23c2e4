import type { Adapter } from '@evnorm/core'
import { type LocalTimePolicy, reject } from '@evnorm/core/adapter'
import { mapSmailyAction, SMAILY_FEED, SMAILY_VENDOR } from './map-smaily-action.js'
import { createSmailyClock } from './smaily-clock.js'
import { parseSmailyHistory } from './smaily-parse.js'
import { readSmailyRow } from './smaily-row.js'
import { analyzeSeqEvidence, type SmailySeqHints } from './smaily-seq-evidence.js'
import { createSmailySeqSpans } from './smaily-seq-spans.js'
import { SMAILY_LOG_VOCABULARY } from './smaily-vocabulary.js'

/** Options of {@link createSmailyLogAdapter}. */
export interface SmailyLogOptions {
  /**
   * IANA zone Smaily's zone-less `time` is read in (default `Europe/Tallinn`); letter case is
   * corrected (`europe/tallinn` is stored as `Europe/Tallinn`), aliases are kept as given (case too).
   */
  readonly timeZone?: string
  /**
   * How local times in the repeated autumn hour and the skipped spring hour are placed
   * (default `{ ambiguous: 'earlier', nonexistent: 'shift_forward' }`); `reject` makes such rows
   * `ambiguous_time` / `nonexistent_time` rejections (a repeated-hour row the `seq_id` evidence
   * settles is still accepted).
   */
  readonly timePolicy?: Partial<LocalTimePolicy>
  /**
   * Settle repeated-hour rows from the `seq_id` order of the rows around their night (default
   * true); the answer does not depend on batches, chunks or pages of one run.
   */
  readonly inferFromSeqId?: boolean
  /**
   * How far, in seconds, `seq_id` order may disagree with time order before it is taken as
   * evidence (default 600: a row may be logged up to 10 minutes out of time order).
   */
  readonly seqIdMarginSeconds?: number
}

/** The default zone of Smaily's `time` field. */
const SMAILY_TIME_ZONE = 'Europe/Tallinn'

/** The default margin of the `seq_id` evidence, in seconds. */
const SEQ_ID_MARGIN_SECONDS = 600

/**
 * Builds the adapter of Smaily's subscriber action log (`GET /api/history.php`), feed
 * `smaily.history`. Throws TypeError on an invalid zone, policy or margin (programmer misuse).
 */
export function createSmailyLogAdapter(options: SmailyLogOptions = {}): Adapter<SmailySeqHints> {
  const clock = createSmailyClock(options.timeZone ?? SMAILY_TIME_ZONE, options.timePolicy)
  const zone = clock.zone
  const marginSeconds = options.seqIdMarginSeconds ?? SEQ_ID_MARGIN_SECONDS
  if (typeof marginSeconds !== 'number' || !Number.isFinite(marginSeconds) || marginSeconds < 0) {
    throw new TypeError(
      `createSmailyLogAdapter: seqIdMarginSeconds must be a finite number ≥ 0, got ${String(marginSeconds)}`,
    )
  }
  const marginMs = marginSeconds * 1000
  const adapter: Adapter<SmailySeqHints> = {
    specificationVersion: 'v1',
    feed: SMAILY_FEED,
    vendor: SMAILY_VENDOR,
    vocabulary: SMAILY_LOG_VOCABULARY,
    formats: ['json', 'ndjson'],
    jsonRecordPaths: [[]],
    identicalRecords: 'distinct',
    signature: {
      recordKeys: [['action', 'time']],
      documents: [
        {
          keys: ['code', 'message'],
          without: ['action'],
          name: 'a {"code", "message"} error object',
        },
      ],
    },
    parse: parseSmailyHistory,
    normalize(record, context) {
      const row = readSmailyRow(record)
      if (!row.success) return row
      const time = clock.read(row.time, context.hints?.get(context.batchIndex))
      if (!time.success) return reject(time.reason, ['time'], time.message)
      return { success: true, events: [mapSmailyAction(row, time, zone)] }
    },
  }
  return options.inferFromSeqId === false
    ? adapter
    : {
        ...adapter,
        analyzeBatch: (records) => analyzeSeqEvidence(records, clock, marginMs),
        evidenceSpans: createSmailySeqSpans(clock, marginMs),
      }
}

/** The Smaily action log adapter with the default options. */
export const smailyLogAdapter: Adapter<SmailySeqHints> = createSmailyLogAdapter()
