import { type Adapter, CANONICAL_SCHEMA_VERSION } from '@evnorm/core'
import { createVocabularyIndex, eventId } from '@evnorm/core/adapter'
import { SMAILY_LOG_VOCABULARY, smailyLogAdapter } from '../src/index.js'

/** A row of `buildRows` (`./smaily-rows.ts`) after the lossless parse. */
interface BenchRow {
  readonly seq_id: string
  readonly email: string
  readonly time: string
  readonly campaign_id: number | null
  readonly campaign_name: string | null
  readonly action: string
  readonly value: string
}

const lookup = createVocabularyIndex(SMAILY_LOG_VOCABULARY)
const FEED = smailyLogAdapter.feed
const ZONE = 'Europe/Tallinn'
/** Tallinn is three hours ahead of UTC all through May 2025, the benchmark rows' month. */
const OFFSET_MS = 3 * 3_600_000
const { analyzeBatch: _analyzeBatch, evidenceSpans: _evidenceSpans, ...plain } = smailyLogAdapter

function occurredAt(time: string): string {
  const utc =
    Date.UTC(
      Number(time.slice(0, 4)),
      Number(time.slice(5, 7)) - 1,
      Number(time.slice(8, 10)),
      Number(time.slice(11, 13)),
      Number(time.slice(14, 16)),
      Number(time.slice(17, 19)),
    ) - OFFSET_MS
  return [new Date(utc).toISOString().slice(0, 19), '.000000000Z'].join('')
}

function described(row: BenchRow): Record<string, unknown> {
  const value = row.value
  switch (row.action) {
    case 'click':
      return { details: { url: value } }
    case 'view': {
      const [os, browser, ip, country] = value.split('; ')
      return { details: { raw: value }, context: { ip, os, browser, country } }
    }
    case 'bounce':
      return {
        details: { class: value[0] === '5' ? 'hard' : 'soft', codeKind: 'smtp', code: value },
      }
    case 'modify': {
      const fields: Record<string, string> = {}
      for (const pair of value.split('; ')) {
        const equals = pair.indexOf('=')
        fields[pair.slice(0, equals)] = pair.slice(equals + 1)
      }
      return { details: { fields, raw: value } }
    }
    case 'optin':
    case 'optout':
      return { details: { scope: 'global' } }
    default:
      return {}
  }
}

/**
 * The contract ceiling of `normalize` for the Smaily feed: a hand-written mapping for exactly
 * the benchmark's rows (a `seq_id` on every row, times in May 2025 read at a fixed UTC+3, the
 * generator's `value` shapes, no checks, no `seq_id` evidence), run through the same core
 * `normalize` as the adapter: the adapter's lossless parse, the record runner, UUID v5 ids and
 * validation. It only shows what an adapter could reach at best; it is not an adapter to use.
 */
export const handWrittenSmailyAdapter: Adapter = {
  ...plain,
  normalize(value) {
    const row = value as BenchRow
    const entry = lookup(row.action)
    const event: Record<string, unknown> = {
      schema: CANONICAL_SCHEMA_VERSION,
      id: eventId(FEED, [row.seq_id]),
      type: entry?.type ?? 'unknown',
      channel: 'email',
      occurredAt: occurredAt(row.time),
      count: 1,
      source: {
        vendor: 'smaily',
        feed: FEED,
        verb: row.action,
        recordId: row.seq_id,
        idBasis: 'vendor',
        time: { raw: row.time, zone: ZONE },
      },
      recipient: { email: row.email },
      ...(row.campaign_id === null
        ? {}
        : { campaign: { id: String(row.campaign_id), name: row.campaign_name } }),
      ...described(row),
    }
    return { success: true, events: [event as never] }
  },
}
