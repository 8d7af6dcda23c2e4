import { readFileSync } from 'node:fs'
import { normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { altcraftHistoryAdapter, createAltcraftHistoryAdapter } from './index.js'

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
}

function expected(name: string): unknown {
  return JSON.parse(fixture(name))
}

function eventsOf(input: unknown, adapter = altcraftHistoryAdapter) {
  const result = normalize(adapter, input)
  if (!result.success) throw result.error
  expect(result.rejections).toEqual([])
  return result.events
}

// Expected events are written by hand from the vendor pages; their ids were computed with
// Python's uuid5 and json (__fixtures__/compute-ids.py), independently of this package.
describe('golden: vendor page examples', () => {
  it('reads the EN JSON response example (history_get, current shape)', () => {
    expect(eventsOf(fixture('vendor-en.json'))).toEqual(expected('vendor-en.events.json'))
  })

  it('reads the EN XML response example to the same event (bar the page’s own email typo)', () => {
    const result = normalize(altcraftHistoryAdapter, fixture('vendor-en.xml'))
    expect(result.success && result.format).toBe('xml')
    expect(eventsOf(fixture('vendor-en.xml'))).toEqual(expected('vendor-en-xml.events.json'))
  })

  it('reads the RU JSON example (older shape: no profile_id, event_id, channel, subscription)', () => {
    expect(eventsOf(fixture('vendor-ru.json'))).toEqual(expected('vendor-ru.events.json'))
  })

  it('keeps the EN example subscriptions only when asked, as the current set', () => {
    const plain = eventsOf(fixture('vendor-en.json'))[0]
    expect(plain).not.toHaveProperty('profileSubscriptions')
    const adapter = createAltcraftHistoryAdapter({ includeSubscriptions: true })
    const subscription = {
      channel: 'email',
      resourceId: '5',
      resourceName: 'res1',
      status: 'subscribed',
      priority: 0,
      categories: [],
    }
    const expectedSubscriptions = [
      { ...subscription, email: 'sub1@yandex.ru', customFields: { _device_type: 'other' } },
      { ...subscription, email: 'sub2@yandex.ru', customFields: { _device_type: 'mob' } },
    ]
    for (const input of [fixture('vendor-en.json'), fixture('vendor-en.xml')]) {
      const [event] = eventsOf(input, adapter)
      expect(event?.profileSubscriptions).toEqual(expectedSubscriptions)
      expect({ ...event, profileSubscriptions: undefined }).toEqual({
        ...plain,
        recipient: event?.recipient,
        profileSubscriptions: undefined,
      })
    }
  })
})

describe('golden: constructed records', () => {
  it('maps channels, sentinels, subscription addresses, unknown verbs and fields', () => {
    expect(eventsOf(fixture('constructed.json'))).toEqual(expected('constructed.events.json'))
  })

  it('expands count into count-1 events with the documented ids', () => {
    const adapter = createAltcraftHistoryAdapter({ expandCount: true })
    const events = eventsOf(fixture('constructed.json'), adapter)
    const byVerb = (verb: string) => events.filter((event) => event.source.verb === verb)
    // compute-ids.py: click_push#2, hbounce#2, hbounce#3 beside the records' own ids.
    const ids: Record<string, string[]> = {
      click_push: ['56caedca-736b-5fcd-8160-710b75d11874', 'f791fc22-d889-551e-893d-6bea9c17532e'],
      hbounce: [
        '06e185f8-0d2d-5fcc-88a5-abdc7b912d87',
        'c02930b5-8f8b-579d-9966-62f9245de4b5',
        'faec2ebe-f7b2-5ae9-8e4f-1b3e2f736f59',
      ],
    }
    for (const [verb, verbIds] of Object.entries(ids)) {
      const expanded = byVerb(verb)
      expect(expanded.map((event) => event.id)).toEqual(verbIds)
      expect(expanded.map((event) => event.count)).toEqual(verbIds.map(() => 1))
      const aggregate = (
        expected('constructed.events.json') as { source: { verb: string } }[]
      ).find((event) => event.source.verb === verb)
      for (const event of expanded)
        expect({ ...event, id: 'x', count: 0 }).toEqual({ ...aggregate, id: 'x', count: 0 })
    }
    expect(events).toHaveLength(11 + 1 + 2)
  })
})
