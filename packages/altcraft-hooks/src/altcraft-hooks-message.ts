import {
  describeValue,
  type EventTime,
  formatInstant,
  isRecord,
  RecordRejectionError,
  reject,
} from '@evnorm/core/adapter'
import {
  type HookEventData,
  profileIdOrAbsent,
  readHookEventData,
} from './altcraft-hooks-event-data.js'
import type { FieldReader } from './altcraft-hooks-field-reader.js'
import { readHookSubscriptions, type Subscription } from './altcraft-hooks-subscription.js'

const ROOT: readonly string[] = []
const NO_EVENT_DATA: Readonly<Record<string, unknown>> = Object.freeze({})

/** A hook message as received: the documented top-level fields, any JSON value. */
type RawHookMessage = {
  readonly event_type?: unknown
  readonly event?: unknown
  readonly event_date?: unknown
  readonly profile_id?: unknown
  readonly _xxh?: unknown
  readonly _md5?: unknown
  readonly list_id?: unknown
  readonly account_id?: unknown
  readonly sends_trying_num?: unknown
  readonly is_test?: unknown
  readonly is_static?: unknown
  readonly subscription_hash_id?: unknown
  readonly custom_data?: unknown
  readonly event_data?: unknown
  readonly subscription?: unknown
}

/** One hook message, read and typed: the vendor shape stays private to the adapter. */
export interface HookMessage {
  /** `event_type` (or `event`), verbatim. */
  readonly verb: string
  /** `event_date` read: the instant, and the text as received. */
  readonly time: EventTime
  /** `event_date` as a nine-digit UTC instant. */
  readonly occurredAt: string
  readonly accountId: string | undefined
  readonly listId: string | undefined
  readonly profileId: string | undefined
  readonly xxh: string | undefined
  readonly md5: string | undefined
  readonly attempts: number | undefined
  readonly test: boolean | undefined
  readonly isStatic: boolean | undefined
  readonly subscriptionHashId: string | undefined
  /** `custom_data` as received (`null` read as undefined). */
  readonly customData: unknown
  readonly data: HookEventData
  readonly subscriptions: Subscription[] | undefined
}

/**
 * Reads one hook message. Only the event name and `event_date` are required; every other
 * field may be absent or `null` (historical re-export of deleted profiles). A field of the
 * wrong type rejects the message (a `RecordRejectionError` naming the first such field),
 * except `custom_data`, which is kept whatever its type (but not nested deeper than
 * `MAX_NESTING_DEPTH`).
 */
export function readHookMessage(
  record: unknown,
  reader: FieldReader,
  eventKeyFallback: boolean,
): HookMessage {
  if (!isRecord(record)) {
    throw new RecordRejectionError(
      reject(
        'not_an_object',
        [],
        `the hook message is ${describeValue(record)}; expected a JSON object with event_type and event_date`,
      ),
    )
  }
  const message: RawHookMessage = record
  const verb = readVerb(message, reader, eventKeyFallback)
  const rawDate = readDate(message, reader)
  const instant = reader.instant(rawDate, 'event_date', ROOT)
  const eventData = reader.object(message.event_data, 'event_data', ROOT) ?? NO_EVENT_DATA
  const attempts = reader.integer(message.sends_trying_num, 'sends_trying_num', ROOT)
  if (attempts !== undefined && attempts < 0) {
    reader.wrongType(ROOT, 'sends_trying_num', attempts, 'a non-negative integer')
  }
  return {
    verb,
    time: { instant, source: { raw: rawDate } },
    occurredAt: formatInstant(instant),
    accountId: reader.id(message.account_id, 'account_id', ROOT),
    listId: reader.id(message.list_id, 'list_id', ROOT),
    profileId: profileIdOrAbsent(reader.text(message.profile_id, 'profile_id', ROOT)),
    xxh: reader.text(message._xxh, '_xxh', ROOT),
    md5: reader.text(message._md5, '_md5', ROOT),
    attempts: attempts === 0 ? undefined : attempts,
    test: reader.boolean(message.is_test, 'is_test', ROOT),
    isStatic: reader.boolean(message.is_static, 'is_static', ROOT),
    subscriptionHashId: reader.text(message.subscription_hash_id, 'subscription_hash_id', ROOT),
    customData: reader.verbatim(message.custom_data ?? undefined, 'custom_data', ROOT),
    data: readHookEventData(eventData, reader),
    subscriptions: readHookSubscriptions(message.subscription, reader),
  }
}

function readVerb(message: RawHookMessage, reader: FieldReader, eventKeyFallback: boolean): string {
  const fallback =
    eventKeyFallback &&
    (message.event_type === undefined ||
      message.event_type === null ||
      message.event_type === '') &&
    message.event !== undefined
  const key = fallback ? 'event' : 'event_type'
  const value = fallback ? message.event : message.event_type
  return (
    reader.text(value, key, ROOT) ??
    reader.fail(
      'missing_field',
      [key],
      `${key} is ${value === '' ? 'empty' : 'missing'}; expected the event name, e.g. 'click'`,
    )
  )
}

function readDate(message: RawHookMessage, reader: FieldReader): string {
  return (
    reader.text(message.event_date, 'event_date', ROOT) ??
    reader.fail(
      'missing_field',
      ['event_date'],
      `event_date is ${message.event_date === '' ? 'empty' : 'missing'}; expected an RFC 3339 date-time, e.g. '2025-03-30T01:30:00.123456789Z'`,
    )
  )
}
