import type { CanonicalEvent, RecordResult, VocabularyEntry } from '@evnorm/core'
import {
  collectExtra,
  compact,
  createEventBuilder,
  type EventKey,
  isRecord,
  missingField,
  normalizeEmail,
  type Read,
  readBoolean,
  readIdentifier,
  readInteger,
  readText,
  readUnixSeconds,
  readValue,
  reject,
  type VendorRecord,
} from '@evnorm/core/adapter'
import { sendgridDropReason } from './sendgrid-drop-reason.js'

/** The feed id. */
export const SENDGRID_EVENTS_FEED = 'sendgrid.events'

const builder = createEventBuilder(SENDGRID_EVENTS_FEED, 'sendgrid')

/** Fields every event maps (the rest go to `extra`). */
const COMMON = [
  'event',
  'email',
  'sg_event_id',
  'sg_message_id',
  'marketing_campaign_id',
  'marketing_campaign_name',
  'sg_template_id',
  'sg_template_name',
]

/** Fields mapped only for some events: elsewhere they mean something else, or nothing canonical. */
const BY_VERB: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    dropped: ['reason'],
    deferred: ['response', 'attempt'],
    bounce: ['type', 'status', 'reason'],
    open: ['ip', 'useragent', 'sg_machine_open'],
    click: ['ip', 'useragent', 'url'],
    spamreport: ['ip', 'useragent'],
    unsubscribe: ['ip', 'useragent'],
    group_unsubscribe: ['ip', 'useragent', 'asm_group_id'],
    group_resubscribe: ['ip', 'useragent', 'asm_group_id'],
  }),
)

/** Fields read for a canonical field that keeps only their meaning: kept verbatim in `extra` too. */
const KEPT: ReadonlySet<string> = new Set(['type'])

/** The fields a content id is derived from when `sg_event_id` is absent, in order. */
const CONTENT_KEY = ['sg_message_id', 'email', 'url', 'type', 'attempt', 'asm_group_id']

type Fields = Readonly<Record<string, string | number | boolean | undefined>>
type Draft = Pick<CanonicalEvent, 'recipient' | 'campaign' | 'message' | 'context' | 'extra'>

function readFields(record: VendorRecord, verb: string): Read<Fields> {
  const fields: Record<string, string | number | boolean | undefined> = {}
  for (const key of [...COMMON, ...(BY_VERB.get(verb) ?? [])]) {
    const read =
      key === 'attempt'
        ? readInteger(record, key, [], 1)
        : key === 'sg_machine_open'
          ? readBoolean(record, key)
          : key.endsWith('_id')
            ? readIdentifier(record, key)
            : readText(record, key)
    if (!read.success) return read
    fields[key] = read.value
  }
  return readValue(fields)
}

function keyOf(fields: Fields, record: VendorRecord): EventKey {
  const eventId = fields.sg_event_id
  if (typeof eventId === 'string') return { basis: 'vendor', recordId: eventId }
  const parts = CONTENT_KEY.map((key) => {
    const value = fields[key] ?? record[key]
    return value === undefined || value === null ? undefined : String(value)
  })
  return { basis: 'content', parts: [String(fields.event), String(record.timestamp), ...parts] }
}

function textOf(fields: Fields, key: string): string | undefined {
  const value = fields[key]
  return typeof value === 'string' ? value : undefined
}

function draftOf(fields: Fields, extra: Record<string, unknown> | undefined): Draft {
  const text = (key: string) => textOf(fields, key)
  const email = text('email')
  const normalized = email === undefined ? undefined : normalizeEmail(email)
  return (
    compact({
      recipient: compact({ email: normalized }),
      campaign: compact({
        id: text('marketing_campaign_id'),
        name: text('marketing_campaign_name'),
      }),
      message: compact({
        id: text('sg_template_id'),
        name: text('sg_template_name'),
        sendId: text('sg_message_id'),
      }),
      context: compact({ ip: text('ip'), userAgent: text('useragent') }),
      extra,
    }) ?? {}
  )
}

/** The SMTP status code a `response` text starts with (`400 try again later`), if any. */
function smtpCode(response: string | undefined): string | undefined {
  return response === undefined ? undefined : /^([2-5]\d\d)\b/.exec(response)?.[1]
}

/** Turns one SendGrid Event Webhook event into its canonical event, or a rejection. */
export function mapSendgridEventsRecord(
  record: unknown,
  lookup: (verb: string) => VocabularyEntry | undefined,
): RecordResult {
  if (!isRecord(record)) return reject('not_an_object', [], 'the event is not an object')
  const verb = readText(record, 'event')
  if (!verb.success) return verb
  if (verb.value === undefined) return missingField(['event'], 'the event name')
  const time = readUnixSeconds(record.timestamp, ['timestamp'])
  if (!time.success) return time
  const fields = readFields(record, verb.value)
  if (!fields.success) return fields
  const f = fields.value
  const mapped = new Set(Object.keys(f).filter((key) => f[key] !== undefined && !KEPT.has(key)))
  if (typeof f.email === 'string' && normalizeEmail(f.email) === undefined) mapped.delete('email')
  mapped.add('timestamp')
  const extra = collectExtra(record, mapped)
  if (!extra.success) return extra
  const text = (key: string) => textOf(f, key)
  const common = {
    ...draftOf(f, extra.value),
    verb: verb.value,
    time: time.value,
    key: keyOf(f, record),
    channel: 'email',
  } as const
  switch (lookup(verb.value)?.type) {
    case 'message.sent':
      return done(builder.build({ ...common, type: 'message.sent' }))
    case 'message.delivered':
      return done(builder.build({ ...common, type: 'message.delivered' }))
    case 'message.complained':
      return done(builder.build({ ...common, type: 'message.complained' }))
    case 'message.dropped': {
      const reason = text('reason')
      const details = { reason: sendgridDropReason(reason), ...compact({ message: reason }) }
      return done(builder.build({ ...common, type: 'message.dropped', details }))
    }
    case 'message.deferred': {
      const response = text('response')
      const attempt = typeof f.attempt === 'number' ? f.attempt : undefined
      const details = compact({ code: smtpCode(response), message: response, attempt })
      return done(builder.build({ ...common, type: 'message.deferred', ...compact({ details }) }))
    }
    case 'message.bounced': {
      const status = text('status')
      const details = {
        class: text('type') === 'bounce' ? 'hard' : text('type') === 'blocked' ? 'soft' : 'unknown',
        ...(status === undefined ? {} : { codeKind: 'smtp' as const }),
        ...compact({ code: status, message: text('reason') }),
      } as const
      return done(builder.build({ ...common, type: 'message.bounced', details }))
    }
    case 'message.opened': {
      const machine = typeof f.sg_machine_open === 'boolean' ? f.sg_machine_open : undefined
      const details = compact({ machine })
      return done(builder.build({ ...common, type: 'message.opened', ...compact({ details }) }))
    }
    case 'message.clicked': {
      const details = compact({ url: text('url') })
      return done(builder.build({ ...common, type: 'message.clicked', ...compact({ details }) }))
    }
    case 'subscription.unsubscribed':
    case 'subscription.subscribed': {
      const groupId = text('asm_group_id')
      const details =
        verb.value === 'unsubscribe'
          ? ({ scope: 'global' } as const)
          : ({ scope: 'group', ...compact({ groupId }) } as const)
      return done(
        verb.value === 'group_resubscribe'
          ? builder.build({ ...common, type: 'subscription.subscribed', details })
          : builder.build({ ...common, type: 'subscription.unsubscribed', details }),
      )
    }
    default:
      return done(builder.build({ ...common, type: 'unknown' }))
  }
}

function done(event: CanonicalEvent): RecordResult {
  return { success: true, events: [event] }
}
