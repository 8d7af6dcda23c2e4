import { normalizeRecords, type Rejection } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { altcraftHistoryAdapter, createAltcraftHistoryAdapter } from './index.js'

const base = { action: 'send', datetime: '2024-09-27T15:52:57.004Z' }

function rejection(record: unknown, adapter = altcraftHistoryAdapter): Rejection {
  const batch = normalizeRecords(adapter, [record])
  expect(batch.events).toEqual([])
  expect(batch.rejections).toHaveLength(1)
  return batch.rejections[0] as Rejection
}

function expectRejection(
  record: unknown,
  reason: string,
  path: readonly (string | number)[],
  message: RegExp,
  adapter = altcraftHistoryAdapter,
) {
  const found = rejection(record, adapter)
  expect(found).toMatchObject({ reason, path, raw: record, locator: '$[0]' })
  expect(found.message).toMatch(message)
}

describe('record rejections', () => {
  it('rejects values that are not record objects', () => {
    expectRejection(
      null,
      'not_an_object',
      [],
      /^the record is null; expected a history record object/,
    )
    expectRejection([base], 'not_an_object', [], /is an array; expected/)
    expectRejection('send', 'not_an_object', [], /is a string \('send'\); expected/)
  })

  it('requires action and datetime as text', () => {
    expectRejection({ datetime: base.datetime }, 'missing_field', ['action'], /^action is missing/)
    expectRejection({ ...base, action: null }, 'missing_field', ['action'], /^action is missing/)
    expectRejection(
      { ...base, action: '' },
      'missing_field',
      ['action'],
      /^action is missing; expected the action name/,
    )
    expectRejection(
      { ...base, action: true },
      'invalid_field',
      ['action'],
      /^action is a boolean \(true\); expected a string/,
    )
    expectRejection({ action: 'send' }, 'missing_field', ['datetime'], /^datetime is missing/)
    expectRejection(
      { ...base, datetime: 1727452377 },
      'invalid_time',
      ['datetime'],
      /^datetime '1727452377' is not an RFC 3339 date-time/,
    )
  })

  it('rejects a datetime that is not RFC 3339, saying what it found', () => {
    for (const datetime of [
      '2024-13-27T15:52:57Z',
      '2024-09-27 15:52:57',
      '2024-09-27T15:52:57',
      'yesterday',
    ]) {
      expectRejection(
        { ...base, datetime },
        'invalid_time',
        ['datetime'],
        new RegExp(`^datetime '${datetime}' is not an RFC 3339 date-time`),
      )
    }
  })

  it('truncates long values quoted in messages', () => {
    const found = rejection({ ...base, datetime: 'x'.repeat(500) })
    expect(found.message).toContain(`'${'x'.repeat(80)}…'`)
    expect(found.message.length).toBeLessThan(250)
  })

  it('requires count to be a positive integer', () => {
    for (const count of [0, -1, 1.5, '2', true]) {
      expectRejection(
        { ...base, count },
        'invalid_field',
        ['count'],
        /^count is .*; expected a positive integer/,
      )
    }
  })

  it('requires integer ids and rejects JS numbers already rounded above 2^53', () => {
    expectRejection(
      { ...base, list_id: -1 },
      'invalid_field',
      ['list_id'],
      /is a number \(-1\); expected a non-negative integer id/,
    )
    expectRejection(
      { ...base, campaign_id: 'abc' },
      'invalid_field',
      ['campaign_id'],
      /is a string \('abc'\); expected/,
    )
    expectRejection(
      { ...base, message_id: 2 ** 53 + 2 },
      'imprecise_integer',
      ['message_id'],
      /above 2\^53.*pass the response text/,
    )
    expectRejection(
      { ...base, subscription: { channel: 'email', resource_id: 1.5 } },
      'invalid_field',
      ['subscription', 'resource_id'],
      /^subscription\.resource_id is a number \(1.5\); expected a non-negative integer id/,
    )
  })

  it('reads numbers in the text fields as their text (XML and CSV carry them so), nothing else', () => {
    const [event] = normalizeRecords(altcraftHistoryAdapter, [
      { ...base, action: 7, campaign_name: 2024, smid: 12, xxh: 1.5 },
    ]).events
    expect(event).toMatchObject({
      type: 'unknown',
      source: { verb: '7' },
      campaign: { name: '2024' },
      message: { sendId: '12' },
      recipient: { hashes: { xxh: '1.5' } },
    })
    for (const key of [
      'xxh',
      'profile_id',
      'email',
      'event_id',
      'smid',
      'campaign_name',
      'message_name',
      'channel',
    ]) {
      for (const value of [true, {}, [], Number.NaN]) {
        expectRejection(
          { ...base, [key]: value },
          'invalid_field',
          [key],
          new RegExp(`^${key} is .*; expected a string`),
        )
      }
      expectRejection(
        { ...base, [key]: 2 ** 53 + 2 },
        'imprecise_integer',
        [key],
        new RegExp(`^${key}: 9007199254740994 is above 2\\^53`),
      )
    }
  })

  it('names the malformed field inside the subscription', () => {
    expectRejection(
      { ...base, subscription: 'email' },
      'invalid_field',
      ['subscription'],
      /is a string \('email'\); expected an object/,
    )
    expectRejection(
      { ...base, subscription: { channel: 'email', priority: 'high' } },
      'invalid_field',
      ['subscription', 'priority'],
      /^subscription\.priority is a string \('high'\); expected an integer/,
    )
    expectRejection(
      { ...base, subscription: { channel: 'email', cats: ['a', {}] } },
      'invalid_field',
      ['subscription', 'cats', 1],
      /^subscription\.cats\[1\] is an object; expected a category name/,
    )
    expectRejection(
      { ...base, subscription: { channel: 'sms', phone: 'call me' } },
      'invalid_field',
      ['subscription', 'phone'],
      /expected a phone number/,
    )
    expectRejection(
      { ...base, subscription: { channel: 'whatsapp', cc_data: { phone: 'n/a' } } },
      'invalid_field',
      ['subscription', 'cc_data', 'phone'],
      /^subscription\.cc_data\.phone is .*; expected a phone number/,
    )
    expectRejection(
      { ...base, subscription: { channel: 'email', custom_fields: [] } },
      'invalid_field',
      ['subscription', 'custom_fields'],
      /is an array; expected an object/,
    )
  })

  it('checks subscriptions only when they are included', () => {
    const including = createAltcraftHistoryAdapter({ includeSubscriptions: true })
    const broken = { ...base, subscriptions: [{ channel: 'email' }, 'sms'] }
    expect(normalizeRecords(altcraftHistoryAdapter, [broken]).events).toHaveLength(1)
    expectRejection(
      broken,
      'invalid_field',
      ['subscriptions', 1],
      /^subscriptions\[1\] is a string \('sms'\); expected an object/,
      including,
    )
    expectRejection(
      { ...base, subscriptions: {} },
      'invalid_field',
      ['subscriptions'],
      /expected an array/,
      including,
    )
  })

  it('rejects verbatim values nested deeper than the limit, naming the path', () => {
    const nested = (depth: number): unknown => {
      let value: unknown = 'x'
      for (let level = depth; level > 0; level--) value = level % 2 === 1 ? { a: value } : [value]
      return value
    }
    const including = createAltcraftHistoryAdapter({ includeSubscriptions: true })
    expect(
      normalizeRecords(altcraftHistoryAdapter, [{ ...base, fields: nested(100) }]).events,
    ).toHaveLength(1)
    for (const [record, path] of [
      [{ ...base, fields: nested(101) }, ['fields']],
      [
        { ...base, subscription: { channel: 'email', custom_fields: { deep: nested(100) } } },
        ['subscription', 'custom_fields'],
      ],
      [
        { ...base, subscriptions: [{ custom_fields: nested(5_000) }] },
        ['subscriptions', 0, 'custom_fields'],
      ],
    ] as const) {
      const found = rejection(record, including)
      expect(found).toMatchObject({ reason: 'invalid_field', path })
      expect(found.message).toMatch(/nests objects or arrays more than 100 levels deep/)
    }
  })

  it('requires fields to be an object', () => {
    expectRejection(
      { ...base, fields: 'city=Tallinn' },
      'invalid_field',
      ['fields'],
      /^fields is .*; expected an object/,
    )
  })
})

describe('lenient reading of older shapes', () => {
  it('reads a record with only action and datetime, count 1', () => {
    const batch = normalizeRecords(altcraftHistoryAdapter, [base])
    expect(batch.events[0]).toMatchObject({ type: 'message.sent', count: 1, channel: 'email' })
    expect(batch.events[0]).not.toHaveProperty('recipient')
  })

  it('takes db_id when list_id is absent, and ignores fields it does not know', () => {
    const batch = normalizeRecords(altcraftHistoryAdapter, [
      { ...base, db_id: 7, send_channel: 'email', extra: { a: 1 } },
    ])
    expect(batch.events[0]?.recipient).toEqual({ listId: '7' })
  })

  it('accepts nulls as absent', () => {
    const batch = normalizeRecords(altcraftHistoryAdapter, [
      {
        ...base,
        count: null,
        xxh: null,
        message_id: null,
        subscription: null,
        subscriptions: null,
        fields: null,
      },
    ])
    expect(batch.rejections).toEqual([])
    expect(batch.events[0]?.count).toBe(1)
  })
})
