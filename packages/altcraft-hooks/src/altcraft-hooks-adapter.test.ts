import { type CanonicalEvent, normalize, normalizeRecords, type Rejection } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { altcraftHooksAdapter, createAltcraftHooksAdapter } from './index.js'

const DATE = '2025-03-30T01:30:00.123456789Z'

function only(record: unknown, adapter = altcraftHooksAdapter): CanonicalEvent {
  const batch = normalizeRecords(adapter, [record])
  expect(batch.rejections).toEqual([])
  const [event] = batch.events
  if (event === undefined) throw new Error('no event')
  return event
}

function rejection(record: unknown, adapter = altcraftHooksAdapter): Rejection {
  const batch = normalizeRecords(adapter, [record])
  expect(batch.events).toEqual([])
  const [rejected] = batch.rejections
  if (rejected === undefined) throw new Error('no rejection')
  return rejected
}

const message = (fields: Record<string, unknown>) => ({
  event_type: 'send',
  event_date: DATE,
  ...fields,
})

describe('required fields', () => {
  it('rejects a record that is not an object', () => {
    for (const [record, found] of [
      [null, 'null'],
      [5, 'a number (5)'],
      ['send', "a string ('send')"],
      [[], 'an array'],
    ] as const) {
      const rejected = rejection(record)
      expect(rejected.reason).toBe('not_an_object')
      expect(rejected.message).toContain(`the hook message is ${found}`)
    }
  })

  it('needs event_type, and reads an empty one as missing', () => {
    const missing = rejection({ event_date: DATE })
    expect(missing).toMatchObject({ reason: 'missing_field', path: ['event_type'] })
    expect(missing.message).toContain('event_type is missing')
    const empty = rejection({ event_type: '', event_date: DATE })
    expect(empty).toMatchObject({ reason: 'missing_field', path: ['event_type'] })
    expect(empty.message).toContain('is empty')
    expect(rejection({ event_type: 7, event_date: DATE })).toMatchObject({
      reason: 'invalid_field',
      path: ['event_type'],
      message: 'event_type is a number (7); expected a string',
    })
  })

  it('reads `event` when event_type is absent (trap 26), unless told not to', () => {
    const fromEvent = only({ event: 'deliv', event_date: DATE })
    expect(fromEvent.type).toBe('message.delivered')
    expect(fromEvent.source.verb).toBe('deliv')
    expect(only({ event: 'deliv', event_type: 'send', event_date: DATE }).type).toBe('message.sent')
    expect(only({ event: 'deliv', event_type: null, event_date: DATE }).type).toBe(
      'message.delivered',
    )
    expect(only({ event: 'deliv', event_type: '', event_date: DATE }).source.verb).toBe('deliv')
    const strict = createAltcraftHooksAdapter({ eventKeyFallback: false })
    expect(rejection({ event: 'deliv', event_date: DATE }, strict)).toMatchObject({
      reason: 'missing_field',
      path: ['event_type'],
    })
  })

  it('needs an RFC 3339 event_date', () => {
    expect(rejection({ event_type: 'send' })).toMatchObject({
      reason: 'missing_field',
      path: ['event_date'],
    })
    expect(rejection(message({ event_date: 1_700_000_000 }))).toMatchObject({
      reason: 'invalid_field',
      path: ['event_date'],
    })
    const invalid = rejection(message({ event_date: '2025-13-01T00:00:00Z' }))
    expect(invalid).toMatchObject({ reason: 'invalid_time', path: ['event_date'] })
    expect(invalid.message).toMatch(
      /^event_date is '2025-13-01T00:00:00Z', not an RFC 3339 date-time: .*month/,
    )
  })

  it('accepts a message with only event_type and event_date', () => {
    const event = only({ event_type: 'send', event_date: DATE })
    expect(event).toEqual({
      schema: 'evnorm.event.v1',
      id: event.id,
      type: 'message.sent',
      channel: 'email',
      occurredAt: DATE,
      count: 1,
      source: {
        vendor: 'altcraft',
        feed: 'altcraft.hooks',
        verb: 'send',
        idBasis: 'content',
        time: { raw: DATE },
      },
    })
  })

  it('throws on a misused option', () => {
    expect(() =>
      createAltcraftHooksAdapter({ eventKeyFallback: 'yes' as unknown as boolean }),
    ).toThrow(TypeError)
  })
})

describe('field types', () => {
  it.each([
    [{ account_id: true }, ['account_id'], 'a boolean (true)'],
    [{ account_id: 1.5 }, ['account_id'], 'a number (1.5)'],
    [{ list_id: -3 }, ['list_id'], 'a number (-3)'],
    [{ list_id: '-5' }, ['list_id'], "a string ('-5')"],
    [{ event_data: { campaign_id: '-0' } }, ['event_data', 'campaign_id'], "a string ('-0')"],
    [{ is_test: 'false' }, ['is_test'], "a string ('false')"],
    [{ sends_trying_num: -1 }, ['sends_trying_num'], 'a number (-1)'],
    [{ profile_id: 42 }, ['profile_id'], 'a number (42)'],
    [{ event_data: 'x' }, ['event_data'], "a string ('x')"],
    [{ event_data: [] }, ['event_data'], 'an array'],
    [{ event_data: { campaign_id: {} } }, ['event_data', 'campaign_id'], 'an object'],
    [{ event_data: { lat: 91 } }, ['event_data', 'lat'], 'a number (91)'],
    [{ event_data: { lon: '30.1' } }, ['event_data', 'lon'], "a string ('30.1')"],
    [{ event_data: { link_url: 5 } }, ['event_data', 'link_url'], 'a number (5)'],
    [{ subscription: 'x' }, ['subscription'], "a string ('x')"],
    [{ subscription: [5] }, ['subscription', 0], 'a number (5)'],
    [
      { subscription: [{ channel: 'email', priority: 'high' }] },
      ['subscription', 0, 'priority'],
      "a string ('high')",
    ],
    [
      { subscription: [{ channel: 'email', ccsub: 'x' }] },
      ['subscription', 0, 'ccsub'],
      "a string ('x')",
    ],
    [
      { subscription: [{ channel: 'email', status: true }] },
      ['subscription', 0, 'status'],
      'a boolean (true)',
    ],
  ])('rejects %j as invalid_field at %j', (fields, path, found) => {
    const rejected = rejection(message(fields))
    expect(rejected.reason).toBe('invalid_field')
    expect(rejected.path).toEqual(path)
    expect(rejected.message).toContain(`is ${found}; expected`)
  })

  it('rejects an id number already rounded by JSON.parse, and keeps big ids from text exactly', () => {
    const rounded = rejection(message({ account_id: 2 ** 53 + 2 }))
    expect(rounded).toMatchObject({ reason: 'imprecise_integer', path: ['account_id'] })
    expect(rounded.message).toContain('pass the body text')
    const text = `[{"event_type":"send","event_date":"${DATE}","account_id":9007199254740993,"event_data":{"campaign_id":18446744073709551615}}]`
    const result = normalize(altcraftHooksAdapter, text)
    expect(result.success && result.events[0]).toMatchObject({
      recipient: { accountId: '9007199254740993' },
      campaign: { id: '18446744073709551615' },
    })
  })

  it('applies the same rules to exact big integers read from text, and names them as such', () => {
    const read = (field: string) =>
      normalize(altcraftHooksAdapter, `[{"event_type":"send","event_date":"${DATE}",${field}}]`)
    const negative = read('"list_id":-123456789012345678901')
    expect(negative.success && negative.rejections[0]).toMatchObject({
      reason: 'invalid_field',
      path: ['list_id'],
      message:
        'list_id is -123456789012345678901 (an integer beyond 2^53, or a string of digits); expected a non-negative integer id, as a number or a string',
    })
    const attempts = read('"sends_trying_num":123456789012345678901')
    expect(attempts.success && attempts.rejections[0]).toMatchObject({
      reason: 'invalid_field',
      path: ['sends_trying_num'],
      message:
        'sends_trying_num is 123456789012345678901 (an integer beyond 2^53, or a string of digits); expected an integer within ±(2^53−1)',
    })
    const big = read('"list_id":123456789012345678901')
    expect(big.success && big.events[0]?.recipient?.listId).toBe('123456789012345678901')
  })

  it('quotes at most about 80 characters of a bad value', () => {
    const rejected = rejection(message({ event_date: 'x'.repeat(10_000) }))
    expect(rejected.reason).toBe('invalid_time')
    expect(rejected.message.length).toBeLessThan(300)
    expect(rejected.message).toContain(`'${'x'.repeat(80)}…'`)
  })

  it('rejects a promo-code time that is not RFC 3339 and a destination that is not a list', () => {
    expect(
      rejection({
        event_type: 'promocode_attach',
        event_date: DATE,
        event_data: { attached: '25.10.2020' },
      }),
    ).toMatchObject({ reason: 'invalid_time', path: ['event_data', 'attached'] })
    for (const key of ['activated', 'detached']) {
      const rejected = rejection({
        event_type: 'promocode_attach',
        event_date: DATE,
        event_data: { attached: '2020-10-25T10:00:00Z', [key]: '25.10.2020' },
      })
      expect(rejected).toMatchObject({ reason: 'invalid_time', path: ['event_data', key] })
      expect(rejected.message).toMatch(
        new RegExp(`^event_data.${key} is '25.10.2020', not an RFC 3339 date-time: `),
      )
    }
    const attached = only({
      event_type: 'promocode_attach',
      event_date: DATE,
      event_data: { attached: '2020-10-25T10:00:00+03:00', detached: '2020-11-01T00:00:00Z' },
    })
    expect(attached.details).toEqual({ at: '2020-10-25T07:00:00.000000000Z' })
    expect(attached.extra).toEqual({ detached: '2020-11-01T00:00:00Z' })
    expect(
      rejection({
        event_type: 'profile_split',
        event_date: DATE,
        event_data: { destination: 'p2' },
      }),
    ).toMatchObject({ reason: 'invalid_field', path: ['event_data', 'destination'] })
  })
})

describe('values copied verbatim', () => {
  /** `levels` nested one-key objects (or arrays) around `leaf`, built without recursion. */
  function nested(levels: number, array = false): unknown {
    let value: unknown = 'leaf'
    for (let level = 0; level < levels; level++) value = array ? [value] : { a: value }
    return value
  }

  type Place = (deep: unknown) => Record<string, unknown>
  it.each<[string, boolean, Place, string]>([
    ['custom_data', false, (deep) => ({ custom_data: deep }), 'custom_data'],
    ['custom_data (an array)', true, (deep) => ({ custom_data: deep }), 'custom_data'],
    [
      'ccsub',
      false,
      (deep) => ({ subscription: [{ channel: 'email', ccsub: deep }] }),
      'subscription[0].ccsub',
    ],
    [
      'destination',
      true,
      (deep) => ({ event_type: 'profile_merge', event_data: { destination: deep } }),
      'event_data.destination',
    ],
    [
      'destination (of an event that keeps it in extra)',
      false,
      (deep) => ({ event_data: { destination: deep } }),
      'event_data.destination',
    ],
  ])('rejects a %s nested 6,000 levels deep as invalid_field', (_, array, place, field) => {
    const rejected = rejection(message(place(nested(6000, array))))
    expect(rejected.reason).toBe('invalid_field')
    expect(rejected.message).toContain(
      `${field} nests arrays and objects more than 100 levels deep; expected at most 100 levels (it is copied verbatim into the event)`,
    )
  })

  it('keeps them up to 100 levels deep, and the event serializes', () => {
    const event = only(
      message({
        custom_data: nested(100),
        subscription: [{ channel: 'email', ccsub: nested(100) }],
        event_data: { destination: nested(100, true) },
      }),
    )
    expect(event.recipient?.fields).toEqual(nested(100))
    expect(event.profileSubscriptions?.[0]?.customFields).toEqual(nested(100))
    expect(event.extra?.destination).toEqual(nested(100, true))
    expect(() => JSON.stringify(event)).not.toThrow()
  })
})

describe('leniency', () => {
  it('reads null anywhere optional as absent (historical re-export of deleted profiles)', () => {
    const event = only({
      event_type: 'click',
      event_date: DATE,
      profile_id: null,
      _xxh: null,
      _md5: null,
      list_id: null,
      account_id: null,
      sends_trying_num: null,
      is_test: null,
      is_static: null,
      subscription_hash_id: null,
      custom_data: null,
      subscription: null,
      event_data: { link_url: null, ip: null, lat: null, message_id: null, prev_st: null },
    })
    expect(event).toEqual(only({ event_type: 'click', event_date: DATE }))
    expect(only(message({ event_data: null }))).toEqual(only(message({})))
  })

  it('keeps a custom_data that is not an object raw in extra, never rejecting', () => {
    for (const customData of ['{"alice@example.org"}', ['a'], 5, true]) {
      const event = only(message({ custom_data: customData }))
      expect(event.extra).toEqual({ custom_data: customData })
      expect(event.recipient).toBeUndefined()
    }
    expect(only(message({ custom_data: {} })).recipient).toBeUndefined()
    expect(
      only(message({ custom_data: { name: 'Ann', email: ' ann@EXAMPLE.org ' } })).recipient,
    ).toEqual({
      email: 'ann@example.org',
      fields: { name: 'Ann', email: ' ann@EXAMPLE.org ' },
    })
  })

  it('leaves a contact that does not normalize out of the canonical fields, keeping it', () => {
    const fields = { email: ' ', phone: 'abc' }
    expect(only(message({ custom_data: fields })).recipient).toEqual({ fields })
    const event = only(
      message({
        subscription: [
          { resource_id: 3, channel: 'email', email: '  ', phone: 'call me' },
          { resource_id: 4, channel: 'sms', cc_data: { phone: '#123' } },
        ],
        custom_data: { email: 'ann@example.org' },
        event_data: { resource_id: 3 },
      }),
    )
    expect(event.subscription).toEqual({ channel: 'email', resourceId: '3' })
    expect(event.profileSubscriptions?.[1]).toEqual({ channel: 'sms', resourceId: '4' })
    expect(event.recipient?.email).toBe('ann@example.org')
    expect(event.recipient).not.toHaveProperty('phone')
    expect(event.extra).toEqual({
      'subscription[0].email': '  ',
      'subscription[0].phone': 'call me',
      'subscription[1].cc_data.phone': '#123',
    })
  })

  it('treats Altcraft sentinels as absent: id 0, empty strings, the all-zero profile id', () => {
    const event = only(
      message({
        profile_id: '000000000000000000000000',
        account_id: 0,
        list_id: '0',
        sends_trying_num: 0,
        _xxh: '',
        event_data: {
          message_id: 0,
          campaign_id: 0,
          segment_id: 0,
          launch_id: '',
          send_message_id: '',
          prev_st: 0,
        },
      }),
    )
    expect(event).toEqual(only(message({})))
  })

  it('reads a lone subscription object as a one-element array and skips null elements', () => {
    const element = { resource_id: 3, channel: 'email', email: 'ann@example.org' }
    const lone = only(message({ subscription: element, event_data: { resource_id: 3 } }))
    const listed = only(message({ subscription: [null, element], event_data: { resource_id: 3 } }))
    expect(lone.profileSubscriptions).toEqual([
      { channel: 'email', resourceId: '3', email: 'ann@example.org' },
    ])
    expect(listed).toEqual(lone)
  })

  it('skips subscription elements in which every field is absent (historical re-export)', () => {
    const blank = {
      resource_id: null,
      channel: null,
      email: null,
      phone: null,
      status: null,
      ccsub: null,
      hash_id: null,
      cc_data: null,
    }
    const element = { resource_id: 3, channel: 'email' }
    expect(only(message({ subscription: [blank, element, {}] })).profileSubscriptions).toEqual([
      { channel: 'email', resourceId: '3' },
    ])
    expect(only(message({ subscription: [blank, { channel: '', resource_id: 0 }] }))).toEqual(
      only(message({})),
    )
    expect(only(message({ subscription: blank }))).toEqual(only(message({})))
  })

  it('gives an element without a channel the channel other, without channelRaw', () => {
    expect(only(message({ subscription: [{ resource_id: 5 }] })).profileSubscriptions).toEqual([
      { channel: 'other', resourceId: '5' },
    ])
  })

  it('reads the status numbers 0–6 as the words of the vendor subscription status table, in that order', () => {
    const words = 'subscribed unsubscribed complained hardbounced unconfirmed suspended invalid'
    const subscription = words.split(' ').flatMap((word, number) => [
      { channel: 'email', status: number },
      { channel: 'email', status: word },
    ])
    const read = only(message({ subscription })).profileSubscriptions?.map((s) => s.status)
    expect(read?.join(' ')).toBe(words.replace(/(\w+)/g, '$1 $1'))
  })

  it('maps unknown subscription channels and statuses verbatim', () => {
    const event = only(
      message({
        subscription: [
          { channel: 'max_bot', status: 'paused' },
          { channel: 'email', status: 9 },
        ],
      }),
    )
    expect(event.profileSubscriptions).toEqual([
      { channel: 'other', channelRaw: 'max_bot', statusRaw: 'paused' },
      { channel: 'email', statusRaw: '9' },
    ])
  })
})

describe('subscription the event went through', () => {
  const subscriptions = [
    { resource_id: 3, channel: 'email', email: 'ann@example.org', hash_id: 'h-email' },
    { resource_id: 3, channel: 'sms', phone: '+372 555 1234' },
    { resource_id: 4, channel: 'email', email: 'ann+4@example.org' },
  ]

  it('is the element on the event resource and channel', () => {
    const sms = only({
      event_type: 'deliv_sms',
      event_date: DATE,
      subscription: subscriptions,
      event_data: { resource_id: 3 },
    })
    expect(sms.subscription).toEqual({ channel: 'sms', resourceId: '3', phone: '+3725551234' })
    expect(sms.recipient).toEqual({ phone: '+3725551234' })
    expect(sms.profileSubscriptions).toHaveLength(3)
    const email = only(message({ subscription: subscriptions, event_data: { resource_id: 4 } }))
    expect(email.subscription).toEqual({
      channel: 'email',
      resourceId: '4',
      email: 'ann+4@example.org',
    })
  })

  it('is absent when several elements match, and then resource_id stays in a channel-only subscription', () => {
    const event = only(message({ subscription: subscriptions }))
    expect(event.subscription).toBeUndefined()
    const unknownResource = only(
      message({ subscription: subscriptions, event_data: { resource_id: 9 } }),
    )
    expect(unknownResource.subscription).toEqual({ channel: 'email', resourceId: '9' })
  })

  it('gets subscription_hash_id unless the element has its own hash', () => {
    const own = only(
      message({
        subscription: subscriptions,
        subscription_hash_id: 'h-top',
        event_data: { resource_id: 3 },
      }),
    )
    expect(own.subscription?.hashId).toBe('h-email')
    const filled = only(
      message({
        subscription: subscriptions,
        subscription_hash_id: 'h-top',
        event_data: { resource_id: 4 },
      }),
    )
    expect(filled.subscription?.hashId).toBe('h-top')
    expect(filled.profileSubscriptions?.[2]).toBe(filled.subscription)
    expect(filled.profileSubscriptions?.[0]?.hashId).toBe('h-email')
    expect(filled.profileSubscriptions?.[1]).not.toHaveProperty('hashId')
  })

  it('keeps resource_id and subscription_hash_id in extra for events without a delivery channel', () => {
    const event = only({
      event_type: 'segs_add',
      event_date: DATE,
      subscription_hash_id: 'h',
      event_data: { resource_id: 3, segment_id: 80 },
    })
    expect(event.subscription).toBeUndefined()
    expect(event.extra).toEqual({ resource_id: '3', subscription_hash_id: 'h' })
  })

  it('is the element whose hash_id is subscription_hash_id, before resource and channel', () => {
    const twins = [
      { resource_id: 3, channel: 'email', email: 'ann@example.org', hash_id: 'h1' },
      { resource_id: 3, channel: 'email', email: 'ann+2@example.org', hash_id: 'h2' },
    ]
    const picked = only(
      message({ subscription: twins, subscription_hash_id: 'h2', event_data: { resource_id: 3 } }),
    )
    expect(picked.subscription).toBe(picked.profileSubscriptions?.[1])
    expect(picked.recipient?.email).toBe('ann+2@example.org')
    const otherResource = only(
      message({ subscription: subscriptions, subscription_hash_id: 'h-email' }),
    )
    expect(otherResource.subscription?.email).toBe('ann@example.org')
    const unknownHash = only(
      message({ subscription: twins, subscription_hash_id: 'h9', event_data: { resource_id: 3 } }),
    )
    expect(unknownHash.subscription).toEqual({ channel: 'email', resourceId: '3', hashId: 'h9' })
  })

  it('never takes a hash match on another channel or resource', () => {
    const mixed = [
      { resource_id: 3, channel: 'sms', phone: '+3725551234', hash_id: 'h1' },
      { resource_id: 3, channel: 'email', email: 'c@example.org', hash_id: 'h2' },
    ]
    const sms = only({
      event_type: 'send_sms',
      event_date: DATE,
      subscription_hash_id: 'h2',
      subscription: mixed,
    })
    expect(sms.channel).toBe('sms')
    expect(sms.subscription).toBe(sms.profileSubscriptions?.[0])
    expect(sms.recipient?.email).toBeUndefined()
    const elsewhere = only(
      message({
        subscription: [
          { resource_id: 9, channel: 'email', email: 'ann@example.org', hash_id: 'h9' },
        ],
        subscription_hash_id: 'h9',
        event_data: { resource_id: 5 },
      }),
    )
    expect(elsewhere.subscription).toMatchObject({
      channel: 'email',
      resourceId: '5',
      hashId: 'h9',
    })
  })

  it('gives suppress the channel of its subscription, else email (any channel, §1.8)', () => {
    const sms = only({
      event_type: 'suppress',
      event_date: DATE,
      subscription: [subscriptions[1]],
      event_data: { resource_id: 3 },
    })
    expect(sms).toMatchObject({ type: 'message.dropped', channel: 'sms' })
    expect(sms.subscription).toEqual({ channel: 'sms', resourceId: '3', phone: '+3725551234' })
    const alone = only({ event_type: 'suppress', event_date: DATE })
    expect(alone).toMatchObject({ channel: 'email', details: { reason: 'suppression_list' } })
    const ambiguous = only({
      event_type: 'suppress',
      event_date: DATE,
      subscription: subscriptions,
    })
    expect(ambiguous.channel).toBe('email')
  })

  it('gives an unknown event the channel of its subscription, else other', () => {
    const known = only({
      event_type: 'x_new',
      event_date: DATE,
      subscription: [subscriptions[1]],
      event_data: { resource_id: 3 },
    })
    expect(known).toMatchObject({ type: 'unknown', channel: 'sms', source: { verb: 'x_new' } })
    expect(only({ event_type: 'x_new', event_date: DATE }).channel).toBe('other')
  })
})

describe('fields without a canonical home go to extra under their vendor name', () => {
  it('keeps group fields the type does not use, is_static, odd prev_st and differing promo ids', () => {
    const event = only(
      message({
        list_id: 12,
        profile_id: 'p1',
        is_static: true,
        event_data: { bounce_code: 550, prev_st: 3, db_id: 13, profile_id: 'p2', code: 'PROMO' },
      }),
    )
    expect(event.extra).toEqual({
      bounce_code: '550',
      is_static: true,
      prev_st: 3,
      db_id: '13',
      profile_id: 'p2',
      code: 'PROMO',
    })
    expect(event.recipient).toMatchObject({ listId: '12', profileId: 'p1' })
  })
})
