import { formatInstant, parseRfc3339 } from '@evnorm/core'
import { AltcraftRecordProblem, describeValue } from './altcraft-record-problem.js'

const UPPER_T = 84
const UPPER_Z = 90
const DOT = 46

/**
 * The canonical `occurredAt` of a history `datetime` (RFC 3339; UTC `Z` with no or
 * millisecond fraction in every example). Shapes `…THH:MM:SS[.f{1,9}]Z` are written straight
 * from the validated text, anything else (offsets, `t`, a space) through the parsed instant.
 * Throws an `invalid_time` problem when it is not RFC 3339.
 */
export function historyOccurredAt(datetime: string): string {
  const parsed = parseRfc3339(datetime)
  if (!parsed.success) {
    throw new AltcraftRecordProblem(
      'invalid_time',
      `datetime ${describeValue(datetime)} is not an RFC 3339 date-time (e.g. 2024-09-27T15:52:57.004Z): ${parsed.message}`,
      ['datetime'],
    )
  }
  const length = datetime.length
  if (datetime.charCodeAt(10) === UPPER_T && datetime.charCodeAt(length - 1) === UPPER_Z) {
    if (length === 20) return `${datetime.slice(0, 19)}.000000000Z`
    if (datetime.charCodeAt(19) === DOT && length <= 30) {
      return `${datetime.slice(0, 19)}.${datetime.slice(20, length - 1).padEnd(9, '0')}Z`
    }
  }
  return formatInstant(parsed.instant)
}
