import { readFileSync } from 'node:fs'
import { type CanonicalEvent, normalizeRecords } from '@evnorm/core'
import { formatInstant, parseRfc3339 } from '@evnorm/core/adapter'
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { type HistoryRecord, historyRecord } from './altcraft-history-arbitraries.test-helpers.js'
import { referenceEventId } from './altcraft-history-reference-id.test-helpers.js'
import {
  ALTCRAFT_HISTORY_VOCABULARY,
  altcraftHistoryAdapter,
  createAltcraftHistoryAdapter,
} from './index.js'

interface ExpectedMapping {
  readonly type: string
  readonly channel: string | null
  readonly details?: Record<string, unknown>
}

/** Written by hand from Altcraft's action list and the canonical type table. */
const EVERY_ACTION = JSON.parse(
  readFileSync(new URL('./__fixtures__/every-action.expected.json', import.meta.url), 'utf8'),
) as Record<string, ExpectedMapping>

const CHANNELS: Record<string, string> = {
  email: 'email',
  sms: 'sms',
  push: 'push',
  telegram_bot: 'telegram',
  whatsapp: 'whatsapp',
  viber: 'viber',
  notify: 'notify',
}

function one(record: unknown, adapter = altcraftHistoryAdapter): CanonicalEvent {
  const batch = normalizeRecords(adapter, [record])
  expect(batch.rejections).toEqual([])
  expect(batch.events).toHaveLength(1)
  return batch.events[0] as CanonicalEvent
}

/** `""`, `0` and `"0"` are absent channels (sentinels). */
function channelName(channel: unknown): string | undefined {
  return channel === undefined || channel === '' || channel === 0 || channel === '0'
    ? undefined
    : String(channel)
}

function expectedChannel(record: HistoryRecord): string {
  const own = channelName(record.channel)
  if (own !== undefined) return CHANNELS[own] ?? 'other'
  const subscription = record.subscription as { channel?: unknown } | undefined
  const theirs = channelName(subscription?.channel)
  return theirs === undefined ? 'other' : (CHANNELS[theirs] ?? 'other')
}

const anyVerb = fc.constantFrom(...Object.keys(EVERY_ACTION))
const anyRecord = anyVerb.chain(historyRecord)

describe('vocabulary', () => {
  it('lists exactly the documented history actions, each as the table says', () => {
    const vocabulary = Object.fromEntries(
      ALTCRAFT_HISTORY_VOCABULARY.map(({ verb, type, channel, details }) => [
        verb,
        { type, channel: channel ?? null, ...(details === undefined ? {} : { details }) },
      ]),
    )
    expect(vocabulary).toEqual(EVERY_ACTION)
    expect(ALTCRAFT_HISTORY_VOCABULARY).toHaveLength(66)
  })

  test.prop([anyRecord])('maps every action onto its type, channel and details', (record) => {
    const mapping = EVERY_ACTION[record.action as string] as ExpectedMapping
    const event = one(record)
    expect(event.type).toBe(mapping.type)
    expect(event.channel).toBe(mapping.channel ?? expectedChannel(record))
    expect((event as { details?: unknown }).details).toEqual(mapping.details)
    expect(event.source.verb).toBe(record.action)
  })

  test.prop([
    fc
      .string()
      .filter((verb) => verb !== '' && (!(verb in EVERY_ACTION) || verb === '__proto__'))
      .chain(historyRecord),
  ])('keeps any other action verbatim as an unknown event, channel from the record', (record) => {
    const event = one(record)
    expect(event.type).toBe('unknown')
    expect(event.source.verb).toBe(record.action)
    expect(event.channel).toBe(expectedChannel(record))
    expect(event).not.toHaveProperty('details')
  })

  it('matches verbs exactly: no trimming, no case folding, no prototype keys', () => {
    for (const verb of [
      ' send',
      'send ',
      'SEND',
      'Hbounce',
      'toString',
      'constructor',
      '__proto__',
      'web_version_save',
    ]) {
      expect(one({ action: verb, datetime: '2024-09-27T15:52:57Z' }).type).toBe('unknown')
    }
  })

  it('puts an unknown record channel string in source.channel', () => {
    const event = one({ action: 'max_send', datetime: '2024-09-27T15:52:57Z', channel: 'max_bot' })
    expect(event.channel).toBe('other')
    expect(event.source.channel).toBe('max_bot')
    const known = one({ action: 'send', datetime: '2024-09-27T15:52:57Z', channel: 'max_bot' })
    expect(known.channel).toBe('email')
    expect(known.source).not.toHaveProperty('channel')
  })
})

describe('sentinels', () => {
  const sentinels = fc.record(
    {
      message_id: fc.constantFrom(0, '0'),
      campaign_id: fc.constantFrom(0, '0'),
      smid: fc.constant(''),
      campaign_name: fc.constant(''),
      message_name: fc.constant(''),
      channel: fc.constantFrom('', '0', 0),
      event_id: fc.constant(''),
      xxh: fc.constant(''),
      email: fc.constant(''),
      profile_id: fc.constant(''),
      subscription: fc.constantFrom({}, null),
      fields: fc.constantFrom({}, null),
    },
    { requiredKeys: [] },
  )

  test.prop([anyRecord, sentinels])(
    '0, "" and empty objects give the same event as absent fields',
    (record, absent) => {
      const without = { ...record }
      for (const key of Object.keys(absent)) delete without[key]
      const withSentinels = { ...without, ...absent }
      expect(one(withSentinels)).toEqual(one(without))
    },
  )

  it('never emits a campaign, message or id made of a sentinel', () => {
    const event = one({
      action: 'import_file',
      datetime: '2024-09-27T15:52:57Z',
      message_id: 0,
      campaign_id: 0,
      smid: '',
      campaign_name: '',
      message_name: '',
      channel: '',
      event_id: '',
    })
    expect(event).not.toHaveProperty('campaign')
    expect(event).not.toHaveProperty('message')
    expect(event.source.idBasis).toBe('content')
    expect(event).not.toHaveProperty('recipient')
  })
})

describe('identity and ids', () => {
  test.prop([anyRecord])(
    'carries profile_id, xxh, email and list_id on the recipient',
    (record) => {
      const recipient = one(record).recipient
      expect(recipient?.profileId).toBe(record.profile_id || undefined)
      expect(recipient?.hashes).toEqual(record.xxh ? { xxh: record.xxh } : undefined)
      expect(recipient?.listId).toBe(
        record.list_id === undefined ? undefined : String(record.list_id),
      )
      const email = record.email as string | undefined
      if (email === undefined) expect(recipient?.email).toBeUndefined()
      else {
        const at = email.lastIndexOf('@')
        expect(recipient?.email).toBe(email.slice(0, at) + email.slice(at).toLowerCase())
      }
    },
  )

  test.prop([anyRecord])(
    'uses event_id as the vendor id, or the documented content key',
    (record) => {
      const event = one(record)
      const present = (value: unknown) =>
        value === undefined || value === '' || value === 0 ? null : String(value)
      if (record.event_id !== undefined) {
        expect(event.source).toMatchObject({ idBasis: 'vendor', recordId: record.event_id })
        expect(event.id).toBe(referenceEventId([record.event_id as string]))
        return
      }
      expect(event.source.idBasis).toBe('content')
      expect(event.source).not.toHaveProperty('recordId')
      const subscription = record.subscription as { resource_id?: number } | undefined
      expect(event.id).toBe(
        referenceEventId([
          record.action as string,
          event.occurredAt,
          present(record.list_id),
          present(record.profile_id),
          present(record.xxh),
          event.recipient?.email ?? null,
          present(record.campaign_id),
          present(record.message_id),
          present(record.smid),
          channelName(record.channel) ?? null,
          present(subscription?.resource_id),
        ]),
      )
    },
  )

  it('keeps integer ids above 2^53 exact when they arrive as decimal text', () => {
    const event = one({
      action: 'send',
      datetime: '2024-09-27T15:52:57Z',
      message_id: '18446744073709551615',
      list_id: '9007199254740993',
    })
    expect(event.message?.id).toBe('18446744073709551615')
    expect(event.recipient?.listId).toBe('9007199254740993')
  })
})

describe('time', () => {
  const rfc3339 = fc
    .tuple(
      fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
      fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 9 }),
      fc.constantFrom('Z', 'z', '+03:00', '-09:30', '+00:00'),
      fc.constantFrom('T', 't', ' '),
    )
    .map(([ms, fraction, zone, separator]) => {
      const iso = new Date(ms).toISOString()
      return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}${fraction === '' ? '' : `.${fraction}`}${zone}`
    })
    .filter((text) => parseRfc3339(text).success)

  test.prop([rfc3339])(
    'occurredAt is the UTC instant with nine fraction digits, the raw text kept',
    (datetime) => {
      const parsed = parseRfc3339(datetime)
      if (!parsed.success) throw new Error(parsed.message)
      const event = one({ action: 'send', datetime })
      expect(event.occurredAt).toBe(formatInstant(parsed.instant))
      expect(event.source.time).toEqual({ raw: datetime })
    },
  )
})

describe('count', () => {
  const expanding = createAltcraftHistoryAdapter({ expandCount: true })

  test.prop([anyRecord])('keeps count on one event by default', (record) => {
    expect(one(record).count).toBe(record.count ?? 1)
  })

  test.prop([anyRecord])(
    'expandCount gives count events of count 1 with distinct ids, the first keeping the record id',
    (record) => {
      const batch = normalizeRecords(expanding, [record])
      const count = (record.count as number | undefined) ?? 1
      expect(batch.events).toHaveLength(count)
      expect(batch.events.every((event) => event.count === 1)).toBe(true)
      const ids = batch.events.map((event) => event.id)
      expect(new Set(ids).size).toBe(count)
      expect(ids[0]).toBe(one(record).id)
      ids.slice(1).forEach((id, index) => {
        expect(id).toBe(referenceEventId(['#count', ids[0] as string, String(index + 2)]))
      })
    },
  )

  it('rejects an expansion above 10,000 events instead of allocating it', () => {
    const record = { action: 'open', datetime: '2024-09-27T15:52:57Z', count: 10_001 }
    const batch = normalizeRecords(expanding, [record])
    expect(batch.rejections[0]).toMatchObject({ reason: 'invalid_field', path: ['count'] })
    expect(batch.rejections[0]?.message).toMatch(/10001 is above the expandCount limit of 10000/)
    expect(normalizeRecords(expanding, [{ ...record, count: 10_000 }]).events).toHaveLength(10_000)
    expect(one(record).count).toBe(10_001)
  })
})

describe('subscriptions', () => {
  const including = createAltcraftHistoryAdapter({ includeSubscriptions: true })

  test.prop([anyRecord])(
    'profileSubscriptions only with includeSubscriptions, one per subscription object',
    (record) => {
      expect(one(record)).not.toHaveProperty('profileSubscriptions')
      const event = one(record, including)
      const list = record.subscriptions as HistoryRecord[] | undefined
      expect(event.profileSubscriptions?.length).toBe(list?.length)
      list?.forEach((subscription, index) => {
        expect(event.profileSubscriptions?.[index]?.resourceId).toBe(
          String(subscription.resource_id),
        )
      })
    },
  )

  it('reads every status word and number, and keeps an unknown status raw', () => {
    const words = [
      'subscribed',
      'unsubscribed',
      'complained',
      'hardbounced',
      'unconfirmed',
      'suspended',
      'invalid',
    ]
    words.forEach((word, number) => {
      for (const status of [word, number, String(number)]) {
        const event = one({
          action: 'send',
          datetime: '2024-09-27T15:52:57Z',
          subscription: { channel: 'email', status },
        })
        expect(event.subscription).toEqual({ channel: 'email', status: word })
      }
    })
    const other = one({
      action: 'send',
      datetime: '2024-09-27T15:52:57Z',
      subscription: { channel: 'email', status: 'deleted' },
    })
    expect(other.subscription).toEqual({ channel: 'email', statusRaw: 'deleted' })
  })

  it('takes the subscription channel from the record when the object names none, and keeps an unknown one raw', () => {
    const fromRecord = one({
      action: 'send_sms',
      datetime: '2024-09-27T15:52:57Z',
      channel: 'sms',
      subscription: { resource_id: 1 },
    })
    expect(fromRecord.subscription).toEqual({ channel: 'sms', resourceId: '1' })
    const unknown = one({
      action: 'send',
      datetime: '2024-09-27T15:52:57Z',
      subscription: { channel: 'vk_notify' },
    })
    expect(unknown.subscription).toEqual({ channel: 'other', channelRaw: 'vk_notify' })
  })

  it('reads the address of every channel (email, phone, push, Telegram chat, messenger phone)', () => {
    const subscriptionOf = (subscription: HistoryRecord) =>
      one({ action: 'send', datetime: '2024-09-27T15:52:57Z', subscription }).subscription
    expect(subscriptionOf({ channel: 'email', email: ' Sub@Yandex.RU' })).toEqual({
      channel: 'email',
      email: 'Sub@yandex.ru',
    })
    expect(subscriptionOf({ channel: 'sms', phone: '+7 900 000-00-00' })).toEqual({
      channel: 'sms',
      phone: '+79000000000',
    })
    expect(
      subscriptionOf({ channel: 'push', provider: 'Firefox', subscription_id: 'abc' }),
    ).toEqual({
      channel: 'push',
      push: { provider: 'Firefox', subscriptionId: 'abc' },
    })
    expect(subscriptionOf({ channel: 'telegram_bot', cc_data: { id: 1 } })).toEqual({
      channel: 'telegram',
      chatId: '1',
    })
    expect(subscriptionOf({ channel: 'viber', cc_data: { phone: '+79000000000' } })).toEqual({
      channel: 'viber',
      phone: '+79000000000',
    })
    expect(subscriptionOf({ channel: 'notify', hash_id: 'h1', db_id: 3, profile_id: 'p' })).toEqual(
      { channel: 'notify', hashId: 'h1' },
    )
  })
})
