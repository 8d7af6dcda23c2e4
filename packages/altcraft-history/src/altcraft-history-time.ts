import {
  formatInstant,
  parseRfc3339,
  quote,
  RecordRejectionError,
  reject,
} from '@evnorm/core/adapter'

/**
 * The canonical `occurredAt` of a history `datetime` (RFC 3339; UTC `Z` with no or
 * millisecond fraction in every example). Throws an `invalid_time` problem when it is not
 * RFC 3339.
 */
export function historyOccurredAt(datetime: string): string {
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
  return formatInstant(parsed.instant)
}
