import {
  describeValue,
  invalidField,
  missingField,
  normalizeEmail,
  type RecordRejection,
  reject,
} from '@evnorm/core/adapter'
import { readUnsignedId } from './smaily-identifier.js'

/** One row of Smaily's action log, checked, with sentinels (`null`, `""`) read as absent. */
export interface SmailyRow {
  /** `seq_id` as an exact decimal string; absent in time-window mode. */
  readonly seqId: string | undefined
  /** Subscriber email, trimmed, domain lower-cased (core's `normalizeEmail`). */
  readonly email: string
  /** Local time `YYYY-MM-DD HH:MM:SS`, verbatim (not yet checked). */
  readonly time: string
  /** `campaign_id` as a decimal string. */
  readonly campaignId: string | undefined
  /** `campaign_name`, verbatim. */
  readonly campaignName: string | undefined
  /** `action`, verbatim. */
  readonly action: string
  /** `value` as text (a number is written in decimal). */
  readonly value: string | undefined
}

/**
 * A checked row (flagged `success: true`, one object per row), or the kit's rejection of the
 * record.
 */
export type SmailyRowResult = ({ readonly success: true } & SmailyRow) | RecordRejection

/** Whether a string is empty or only whitespace; a printable ASCII first character answers at once. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0)
  return !(first > 32 && first < 127) && text.trim() === ''
}

function requiredText(value: unknown, field: string, what: string): string | RecordRejection {
  if (typeof value === 'string' && !isBlank(value)) return value
  if (value === undefined) return missingField([field], what)
  if (typeof value === 'string') {
    return reject(
      'missing_field',
      [field],
      `${field} is ${value === '' ? 'empty' : 'blank'}; expected ${what}`,
    )
  }
  if (value === null) return reject('missing_field', [field], `${field} is null; expected ${what}`)
  return invalidField([field], value, what)
}

function optionalText(value: unknown, field: string): string | undefined | RecordRejection {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return invalidField([field], value, 'a string or null')
}

function optionalId(value: unknown, field: string): string | undefined | RecordRejection {
  if (value === undefined || value === null) return undefined
  const id = readUnsignedId(value, field)
  return typeof id === 'string' ? id : reject(id.reason, [field], id.message)
}

function isFail(value: unknown): value is RecordRejection {
  return typeof value === 'object'
}

/**
 * Checks one record of the action log by hand (no schema library on the hot path): `email`,
 * `time` and `action` are required strings, not empty or blank (the email is normalized); `seq_id` and
 * `campaign_id` are unsigned 64-bit integers or absent (`null`; `""` too for `campaign_id`,
 * but an empty `seq_id` is invalid: an empty cursor field is not time-window mode); `campaign_name` and `value`
 * are strings, where `null` and `""` mean absent. Other keys are ignored.
 */
export function readSmailyRow(record: unknown): SmailyRowResult {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return reject(
      'not_an_object',
      [],
      `the record is ${describeValue(record)}; expected a Smaily row object`,
    )
  }
  const fields = record as Record<string, unknown>
  const action = requiredText(fields.action, 'action', 'the action name (a string)')
  if (isFail(action)) return action
  const rawEmail = requiredText(fields.email, 'email', "the subscriber's email address (a string)")
  if (isFail(rawEmail)) return rawEmail
  const email = normalizeEmail(rawEmail)
  if (email === undefined) {
    return reject(
      'missing_field',
      ['email'],
      "email is blank; expected the subscriber's email address",
    )
  }
  const time = requiredText(fields.time, 'time', 'a YYYY-MM-DD HH:MM:SS local time (a string)')
  if (isFail(time)) return time
  const seqId = optionalId(fields.seq_id, 'seq_id')
  if (isFail(seqId)) return seqId
  const campaignId = optionalId(
    fields.campaign_id === '' ? null : fields.campaign_id,
    'campaign_id',
  )
  if (isFail(campaignId)) return campaignId
  const campaignName = optionalText(fields.campaign_name, 'campaign_name')
  if (isFail(campaignName)) return campaignName
  const value = optionalText(fields.value, 'value')
  if (isFail(value)) return value
  return { success: true, seqId, email, time, campaignId, campaignName, action, value }
}
