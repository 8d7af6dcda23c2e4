import {
  type EventTime,
  parseRfc3339,
  quote,
  RecordRejectionError,
  reject,
} from '@evnorm/core/adapter'

/**
 * The time of a history `datetime` (RFC 3339; UTC `Z` with no or millisecond fraction in
 * every example), kept as received in `source.time.raw`. Throws an `invalid_time` problem
 * when it is not RFC 3339.
 */
export function historyTime(datetime: string): EventTime {
  const parsed = parseRfc3339(datetime)
  if (!parsed.success) {
    throw new RecordRejectionError(
      reject(
        'invalid_time',
        ['datetime'],
        `datetime ${quote(datetime)} is not an RFC 3339 date-time (e.g. 2024-09-27T15:52:57.004Z): ${parsed.message}`,
      ),
    )
  }
  return { instant: parsed.instant, source: { raw: datetime } }
}
