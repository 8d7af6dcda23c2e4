import { normalize, normalizeRecords } from '@evnorm/core'
import { compareInstants, countryFromTld, formatInstant } from '@evnorm/core/adapter'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import {
  eventDataArbitrary,
  hookMessageFor,
  instantArbitrary,
} from './altcraft-hooks-arbitraries.test-helpers.js'
import { ALTCRAFT_HOOKS_VOCABULARY, altcraftHooksAdapter } from './index.js'

const verbs = ALTCRAFT_HOOKS_VOCABULARY.map((entry) => entry.verb)
const anyMessage = fc.constantFrom(...verbs).chain(hookMessageFor)

function eventOf(record: Record<string, unknown>) {
  const batch = normalizeRecords(altcraftHooksAdapter, [record])
  expect(batch.rejections).toEqual([])
  const [event] = batch.events
  if (event === undefined) throw new Error('no event')
  return event as typeof event & { details?: Record<string, unknown> }
}

const dataOf = (record: Record<string, unknown>) =>
  (record.event_data ?? {}) as Record<string, unknown>

describe('vocabulary', () => {
  test('lists every documented hook event_type once (uclick_sms deduplicated, trap 20)', () => {
    const documented =
      'uopen open uclick click confirm confirmsub unsub read glanced skimmed uclick_sms click_sms uclick_sms unsub_sms uopen_push open_push click_push uclick_push send deliv suppress complain send_sms deliv_sms send_push deliv_push sbounce hbounce sbounce_push hbounce_push undeliv undeliv_sms undeliv_push pixel_open popup_post popup_click popup_error popup_bounce popup_close popup_open promocode_attach promocode_detach promocode_activate segs_add segs_remove profile_merge profile_split'.split(
        ' ',
      )
    for (const verb of documented) expect(verbs).toContain(verb)
    expect(new Set(verbs).size).toBe(verbs.length)
  })

  test.prop([fc.constantFrom(...verbs).chain(hookMessageFor)])(
    'unique flag: u-prefixed opens and clicks are unique, the others are not',
    (record) => {
      const verb = record.event_type as string
      const event = eventOf(record)
      const openOrClick = event.type === 'message.opened' || event.type === 'message.clicked'
      if (/^uopen|^uclick/.test(verb)) expect(event.details?.unique).toBe(true)
      else if (openOrClick) expect(event.details?.unique).toBe(false)
      else expect(event.details?.unique).toBeUndefined()
    },
  )

  test.prop([fc.constantFrom('read', 'glanced', 'skimmed').chain(hookMessageFor)])(
    'read, glanced and skimmed are message.read with that level',
    (record) => {
      const event = eventOf(record)
      expect(event.type).toBe('message.read')
      expect(event.details).toEqual({ level: record.event_type })
    },
  )

  test.prop([
    fc.constantFrom('sbounce', 'hbounce', 'sbounce_push', 'hbounce_push').chain(hookMessageFor),
  ])(
    'bounces take their class from the name and their code and message from event_data',
    (record) => {
      const verb = record.event_type as string
      const data = dataOf(record)
      const event = eventOf(record)
      expect(event.type).toBe('message.bounced')
      expect(event.channel).toBe(verb.endsWith('_push') ? 'push' : 'email')
      expect(event.details?.class).toBe(verb.startsWith('s') ? 'soft' : 'hard')
      expect(event.details?.code).toBe(
        data.bounce_code === undefined ? undefined : String(data.bounce_code),
      )
      expect(event.details?.message).toBe(data.bounce_message)
      expect(event.details?.codeKind).toBe(
        verb.endsWith('_push') || data.bounce_code === undefined ? undefined : 'smtp',
      )
    },
  )

  test.prop([fc.constantFrom('undeliv', 'undeliv_sms', 'undeliv_push').chain(hookMessageFor)])(
    'non-delivery carries the undeliv code and message',
    (record) => {
      const data = dataOf(record)
      const event = eventOf(record)
      expect(event.type).toBe('message.delivery_failed')
      const expected = {
        ...(data.undeliv_code === undefined ? {} : { code: String(data.undeliv_code) }),
        ...(data.undeliv_message === undefined ? {} : { message: data.undeliv_message }),
      }
      expect(event.details).toEqual(Object.keys(expected).length === 0 ? undefined : expected)
    },
  )

  test.prop([fc.constantFrom(...verbs).chain(hookMessageFor)])(
    'the channel follows the name: _sms, _push, messengers, web and profile-level events',
    (record) => {
      const verb = record.event_type as string
      const { channel } = eventOf(record)
      if (/^(segs|promocode|profile|import|rel)_/.test(verb)) expect(channel).toBe('none')
      else if (/^(popup|form)_|^pixel_open$/.test(verb)) expect(channel).toBe('web')
      else if (verb.startsWith('telegram_bot_')) expect(channel).toBe('telegram')
      else if (/^(whatsapp|viber)_/.test(verb)) expect(channel).toBe(verb.split('_')[0])
      else if (verb.endsWith('_sms')) expect(channel).toBe('sms')
      else if (verb.endsWith('_push')) expect(channel).toBe('push')
      else if (verb === 'suppress') {
        const { subscription } = eventOf(record)
        expect(channel).toBe(subscription?.channel ?? 'email')
      } else if (verb !== 'offence' && verb !== 'unsub_manual' && verb !== 'unsub_api') {
        expect(channel).toBe('email')
      }
    },
  )

  test.prop([
    fc
      .constantFrom('popup_click', 'popup_post', 'popup_error', 'popup_bounce')
      .chain(hookMessageFor),
  ])('popup events are form events on the popup surface with the popup fields', (record) => {
    const data = dataOf(record)
    const event = eventOf(record)
    expect(event.details).toMatchObject({ surface: 'popup' })
    expect(event.details?.formId).toBe(
      data.popup_id === undefined ? undefined : String(data.popup_id),
    )
    expect(event.details?.submissionId).toBe(data.post_uid)
    expect(event.details?.element).toBe(data.name)
  })
})

describe('context and references', () => {
  test.prop([anyMessage])('country TLDs become ISO codes, and the TLD is kept', (record) => {
    const country = dataOf(record).country as string | undefined
    const { context } = eventOf(record)
    expect(context?.countryRaw).toBe(country)
    expect(context?.country).toBe(country === undefined ? undefined : countryFromTld(country))
  })

  test.prop([anyMessage])('prev_st 1 and 2 are the test and control groups', (record) => {
    const prevSt = dataOf(record).prev_st
    const { campaign, extra } = eventOf(record)
    expect(campaign?.group).toBe(prevSt === 1 ? 'test' : prevSt === 2 ? 'control' : undefined)
    expect(extra?.prev_st).toBe(prevSt === 3 ? 3 : undefined)
  })

  test.prop([anyMessage])(
    'is_test, sends_trying_num and account_id land in the envelope',
    (record) => {
      const event = eventOf(record)
      expect(event.test).toBe(record.is_test)
      expect(event.attempts).toBe(record.sends_trying_num)
      expect(event.recipient?.accountId).toBe(
        record.account_id === undefined ? undefined : String(record.account_id),
      )
    },
  )
})

describe('time', () => {
  const order = (x: string, y: string) => (x < y ? -1 : x === y ? 0 : 1)
  const occurredAt = (records: Record<string, unknown>[]) =>
    normalizeRecords(altcraftHooksAdapter, records).events.map((event) => event.occurredAt)

  test.prop([
    instantArbitrary,
    fc.integer({ min: 0, max: 999_999 }),
    fc.integer({ min: 0, max: 999_999 }),
  ])(
    'two events in the same millisecond keep their nanosecond order',
    (instant, nanosA, nanosB) => {
      const dates = [nanosA, nanosB].map((nanos) =>
        formatInstant({ epochMs: instant.epochMs, nanos }),
      )
      const [a = '', b = ''] = occurredAt(
        dates.map((date) => ({ event_type: 'click', event_date: date })),
      )
      expect(a.slice(0, 23)).toBe(b.slice(0, 23))
      expect(order(a, b)).toBe(Math.sign(nanosA - nanosB))
    },
  )

  test.prop([instantArbitrary, instantArbitrary, fc.constantFrom('+00:00', '+03:00', '-05:30')])(
    'occurredAt string order is instant order, whatever offset the vendor wrote',
    (a, b, offset) => {
      const minutes =
        (offset.startsWith('-') ? -1 : 1) *
        (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)))
      const written = (instant: { epochMs: number; nanos: number }) =>
        formatInstant({
          epochMs: instant.epochMs + minutes * 60_000,
          nanos: instant.nanos,
        }).replace('Z', offset)
      const [atA = '', atB = ''] = occurredAt([
        { event_type: 'open', event_date: written(a) },
        { event_type: 'open', event_date: written(b) },
      ])
      expect(atA).toBe(formatInstant(a))
      expect(order(atA, atB)).toBe(Math.sign(compareInstants(a, b)))
    },
  )
})

describe('event ids', () => {
  test.prop([fc.array(anyMessage, { minLength: 1, maxLength: 10 })], { numRuns: 30 })(
    'a retried batch (the same body delivered again) yields identical ids, from text or parsed',
    (records) => {
      const body = JSON.stringify(records)
      const first = normalize(altcraftHooksAdapter, body)
      const retried = normalize(altcraftHooksAdapter, `${body}`)
      const twice = normalizeRecords(altcraftHooksAdapter, [...records, ...records])
      const parsed = normalize(altcraftHooksAdapter, JSON.parse(body))
      if (!first.success || !retried.success || !parsed.success) throw new Error('unreadable')
      const ids = first.events.map((event) => event.id)
      expect(retried.events.map((event) => event.id)).toEqual(ids)
      expect(parsed.events.map((event) => event.id)).toEqual(ids)
      expect(twice.events.map((event) => event.id)).toEqual([...ids, ...ids])
      for (const event of twice.events) expect(event.source.occurrence).toBeUndefined()
    },
  )

  /** `value` with the keys of every object in reverse order (arrays keep their order). */
  function reorderKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reorderKeys)
    if (typeof value !== 'object' || value === null) return value
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, field]) => [key, reorderKeys(field)]),
    )
  }

  test.prop(
    [
      fc.array(anyMessage, { minLength: 1, maxLength: 6 }),
      fc.array(anyMessage, { minLength: 1, maxLength: 6 }),
      fc.nat(),
    ],
    { numRuns: 30 },
  )(
    'a realistic retry (keys reordered, pretty-printed, in another batch at other positions) yields identical ids',
    (retried, others, cut) => {
      const first = normalize(altcraftHooksAdapter, JSON.stringify(retried))
      const at = cut % (others.length + 1)
      const later = [
        ...others.slice(0, at),
        ...retried.map(reorderKeys).reverse(),
        ...others.slice(at),
      ]
      const second = normalize(altcraftHooksAdapter, JSON.stringify(later, null, 2))
      if (!first.success || !second.success) throw new Error('unreadable')
      expect(first.rejections).toEqual([])
      expect(second.rejections).toEqual([])
      const ids = second.events.map((event) => event.id).slice(at, at + retried.length)
      expect(ids.reverse()).toEqual(first.events.map((event) => event.id))
    },
  )

  test.prop([hookMessageFor('click'), fc.webUrl(), fc.webUrl()])(
    'two clicks differing only in the link get different ids',
    (record, urlA, urlB) => {
      fc.pre(urlA !== urlB)
      const data = dataOf(record)
      const [a, b] = normalizeRecords(altcraftHooksAdapter, [
        { ...record, event_data: { ...data, link_url: urlA } },
        { ...record, event_data: { ...data, link_url: urlB } },
      ]).events
      expect(a?.id).not.toBe(b?.id)
    },
  )

  test.prop([hookMessageFor('uclick'), eventDataArbitrary])(
    'fields outside the id recipe (context, custom data, subscriptions) do not change the id',
    (record, otherData) => {
      const data = dataOf(record)
      const retouched = {
        ...record,
        custom_data: { changed: true },
        subscription: [],
        is_test: !record.is_test,
        event_data: {
          ...data,
          ip: otherData.ip,
          city: otherData.city,
          user_agent: otherData.user_agent,
          campaign_id: otherData.campaign_id,
        },
      }
      expect(eventOf(retouched).id).toBe(eventOf(record).id)
    },
  )

  test.prop([anyMessage])('equal instants written differently give the same id', (record) => {
    const date = record.event_date as string
    const rewritten = date.replace('Z', '+00:00')
    expect(eventOf({ ...record, event_date: rewritten }).id).toBe(eventOf(record).id)
  })
})
