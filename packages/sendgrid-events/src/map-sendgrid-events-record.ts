import type { RecordResult, VocabularyEntry } from '@evnorm/core'
import {
  collectExtra,
  createEventBuilder,
  isRecord,
  missingField,
  normalizeEmail,
  readText,
  readUnixSeconds,
  reject,
} from '@evnorm/core/adapter'

/** The feed id. */
export const SENDGRID_EVENTS_FEED = 'sendgrid.events'

const builder = createEventBuilder(SENDGRID_EVENTS_FEED, 'sendgrid')

/** The record fields that land in canonical fields. */
const MAPPED = new Set(['event', 'timestamp', 'id', 'email'])

/** Turns one sendgrid record into its event, or a rejection. */
export function mapSendgridEventsRecord(
  record: unknown,
  lookup: (verb: string) => VocabularyEntry | undefined,
): RecordResult {
  if (!isRecord(record)) return reject('not_an_object', [], 'the record is not an object')
  const verb = readText(record, 'event')
  if (!verb.success) return verb
  if (verb.value === undefined) return missingField(['event'], 'the event name')
  const id = readText(record, 'id')
  if (!id.success) return id
  if (id.value === undefined) return missingField(['id'], 'the event id')
  const time = readUnixSeconds(record.timestamp, ['timestamp'])
  if (!time.success) return time
  const email = readText(record, 'email')
  if (!email.success) return email
  const extra = collectExtra(record, MAPPED)
  if (!extra.success) return extra
  const normalizedEmail = email.value === undefined ? undefined : normalizeEmail(email.value)
  const common = {
    verb: verb.value,
    time: time.value,
    key: { basis: 'vendor', recordId: id.value },
    ...(normalizedEmail === undefined ? {} : { recipient: { email: normalizedEmail } }),
    ...(extra.value === undefined ? {} : { extra: extra.value }),
  } as const
  const entry = lookup(verb.value)
  const event =
    entry?.type === 'message.delivered'
      ? builder.build({ ...common, type: 'message.delivered', channel: 'email' })
      : builder.build({ ...common, type: 'unknown', channel: 'email' })
  return { success: true, events: [event] }
}
