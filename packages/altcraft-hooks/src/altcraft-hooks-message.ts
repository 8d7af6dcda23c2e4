import { formatInstant, parseRfc3339 } from '@evnorm/core'
import {
  type HookEventData,
  profileIdOrAbsent,
  readHookEventData,
} from './altcraft-hooks-event-data.js'
import {
  describeValue,
  type FieldReader,
  isObject,
  quote,
  type Rejected,
} from './altcraft-hooks-field-reader.js'
import { readHookSubscriptions, type Subscription } from './altcraft-hooks-subscription.js'

const ROOT: readonly string[] = []
const NO_EVENT_DATA: Readonly<Record<string, unknown>> = Object.freeze({})

/** One hook message, read and typed: the vendor shape stays private to the adapter. */
export interface HookMessage {
  /** `event_type` (or `event`), verbatim. */
  readonly verb: string
  /** `event_date` as received. */
  readonly rawDate: string
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
 * wrong type rejects the message, except `custom_data`, which is kept whatever it is.
 */
export function readHookMessage(
  record: unknown,
  reader: FieldReader,
  eventKeyFallback: boolean,
): HookMessage | Rejected {
  if (!isObject(record)) {
    return {
      success: false,
      reason: 'not_an_object',
      message: `the hook message is ${describeValue(record)}; expected a JSON object with event_type and event_date`,
      path: [],
    }
  }
  const verb = readVerb(record, reader, eventKeyFallback)
  const rawDate = readDate(record, reader)
  const occurredAt = rawDate === undefined ? undefined : readInstant(rawDate, reader)
  const eventData = reader.object(record, 'event_data', ROOT) ?? NO_EVENT_DATA
  const attempts = reader.integer(record, 'sends_trying_num', ROOT)
  if (attempts !== undefined && attempts < 0) {
    reader.wrongType(ROOT, 'sends_trying_num', attempts, 'a non-negative integer')
  }
  const message: HookMessage = {
    verb: verb ?? '',
    rawDate: rawDate ?? '',
    occurredAt: occurredAt ?? '',
    accountId: reader.id(record, 'account_id', ROOT),
    listId: reader.id(record, 'list_id', ROOT),
    profileId: profileIdOrAbsent(reader.text(record, 'profile_id', ROOT)),
    xxh: reader.text(record, '_xxh', ROOT),
    md5: reader.text(record, '_md5', ROOT),
    attempts: attempts === 0 ? undefined : attempts,
    test: reader.boolean(record, 'is_test', ROOT),
    isStatic: reader.boolean(record, 'is_static', ROOT),
    subscriptionHashId: reader.text(record, 'subscription_hash_id', ROOT),
    customData: record.custom_data ?? undefined,
    data: readHookEventData(eventData, reader),
    subscriptions: readHookSubscriptions(record.subscription, reader),
  }
  return reader.rejection ?? message
}

function readVerb(
  record: Readonly<Record<string, unknown>>,
  reader: FieldReader,
  eventKeyFallback: boolean,
): string | undefined {
  const key =
    eventKeyFallback &&
    (record.event_type === undefined || record.event_type === null) &&
    record.event !== undefined
      ? 'event'
      : 'event_type'
  const verb = reader.text(record, key, ROOT)
  if (verb !== undefined || reader.rejection !== undefined) return verb
  return reader.fail(
    'missing_field',
    [key],
    `field '${key}' is ${record[key] === '' ? 'empty' : 'missing'}; expected the event name, e.g. 'click'`,
  )
}

function readDate(
  record: Readonly<Record<string, unknown>>,
  reader: FieldReader,
): string | undefined {
  const rawDate = reader.text(record, 'event_date', ROOT)
  if (rawDate !== undefined || reader.rejection !== undefined) return rawDate
  return reader.fail(
    'missing_field',
    ['event_date'],
    `field 'event_date' is ${record.event_date === '' ? 'empty' : 'missing'}; expected an RFC 3339 date-time, e.g. '2025-03-30T01:30:00.123456789Z'`,
  )
}

function readInstant(rawDate: string, reader: FieldReader): string | undefined {
  const parsed = parseRfc3339(rawDate)
  if (parsed.success) return formatInstant(parsed.instant)
  return reader.fail(
    'invalid_time',
    ['event_date'],
    `field 'event_date' is ${quote(rawDate)}, not an RFC 3339 date-time: ${parsed.message}`,
  )
}
