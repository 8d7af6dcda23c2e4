import {
  describeValue,
  type EventTime,
  formatInstant,
  missingField,
  RecordRejectionError,
  reject,
} from '@evnorm/core/adapter'
import {
  isPlainObject,
  RECORD_PATH,
  readChannelText,
  readInteger,
  readIntegerId,
  readText,
  readVerbatimObject,
} from './altcraft-fields.js'
import { historyTime } from './altcraft-history-time.js'
import { parseProblemsOf } from './altcraft-record-problem.js'
import { SUBSCRIPTIONS_FIELD } from './altcraft-subscription.js'

/** One history record, read and checked; vendor sentinels already turned into absence. */
export interface AltcraftHistoryRecord {
  /** The record object as received. */
  readonly source: Readonly<Record<string, unknown>>
  /** `action`, verbatim. */
  readonly action: string
  /** `datetime`, verbatim. */
  readonly datetime: string
  /** `datetime` read: the instant, and `datetime` as received. */
  readonly time: EventTime
  /** `datetime` as the canonical `occurredAt`. */
  readonly occurredAt: string
  /** `count` (1 when absent). */
  readonly count: number
  /** `xxh`, the profile's xxhash. */
  readonly xxh: string | undefined
  /** `profile_id` (absent in older records). */
  readonly profileId: string | undefined
  /** `email`, as sent. */
  readonly email: string | undefined
  /** `list_id`, or its alias `db_id`, as a decimal string. */
  readonly listId: string | undefined
  /** `message_id` (template) as a decimal string; `0` is absent. */
  readonly messageId: string | undefined
  /** `campaign_id` (mailing) as a decimal string; `0` is absent. */
  readonly campaignId: string | undefined
  /** `event_id`, the vendor's record id (absent in older records). */
  readonly eventId: string | undefined
  /** `smid`, the send id. */
  readonly smid: string | undefined
  /** `campaign_name`. */
  readonly campaignName: string | undefined
  /** `message_name`. */
  readonly messageName: string | undefined
  /** The record's channel string (`""` and `0` mean absent). */
  readonly channel: string | undefined
  /** `fields` of `history_get_all`. */
  readonly fields: Record<string, unknown> | undefined
}

function requiredText(value: unknown, key: string, what: string): string {
  const text = readText(value, RECORD_PATH, key)
  if (text !== undefined) return text
  throw new RecordRejectionError(missingField([key], what))
}

/**
 * Reads and checks one history record (current EN shape and the older RU shape alike).
 * Throws a `RecordRejectionError` naming the field when it cannot become an event.
 */
export function readAltcraftHistoryRecord(value: unknown): AltcraftHistoryRecord {
  if (!isPlainObject(value)) {
    throw new RecordRejectionError(
      reject(
        'not_an_object',
        [],
        `the record is ${describeValue(value)}; expected a history record object`,
      ),
    )
  }
  // `subscriptions` is read (and its problems raised) only with includeSubscriptions
  const problem = parseProblemsOf(value)?.find((marked) => marked.path[0] !== SUBSCRIPTIONS_FIELD)
  if (problem !== undefined) throw problem
  const action = requiredText(
    value.action,
    'action',
    'the action name (every history record has one)',
  )
  const datetime = requiredText(
    value.datetime,
    'datetime',
    'the action time (every history record has one)',
  )
  const time = historyTime(datetime)
  return {
    source: value,
    action,
    datetime,
    time,
    occurredAt: formatInstant(time.instant),
    count: readInteger(value.count, RECORD_PATH, 'count', 1) ?? 1,
    xxh: readText(value.xxh, RECORD_PATH, 'xxh'),
    profileId: readText(value.profile_id, RECORD_PATH, 'profile_id'),
    email: readText(value.email, RECORD_PATH, 'email'),
    listId:
      readIntegerId(value.list_id, RECORD_PATH, 'list_id', false) ??
      readIntegerId(value.db_id, RECORD_PATH, 'db_id', false),
    messageId: readIntegerId(value.message_id, RECORD_PATH, 'message_id', true),
    campaignId: readIntegerId(value.campaign_id, RECORD_PATH, 'campaign_id', true),
    eventId: readText(value.event_id, RECORD_PATH, 'event_id'),
    smid: readText(value.smid, RECORD_PATH, 'smid'),
    campaignName: readText(value.campaign_name, RECORD_PATH, 'campaign_name'),
    messageName: readText(value.message_name, RECORD_PATH, 'message_name'),
    channel: readChannelText(value.channel, RECORD_PATH, 'channel'),
    fields: readVerbatimObject(value.fields, RECORD_PATH, 'fields'),
  }
}
