import { normalize, normalizeRecords } from '@evnorm/core'
import { eventId } from '@evnorm/core/adapter'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smailyLogAdapter } from './smaily-adapter.js'
import {
  localTimeArbitrary,
  seqIdArbitrary,
  smailyRowArbitrary,
} from './smaily-arbitraries.test-helpers.js'
import { SMAILY_LOG_VOCABULARY } from './smaily-vocabulary.js'

function one(record: unknown) {
  const batch = normalizeRecords(smailyLogAdapter, [record])
  expect(batch.rejections).toEqual([])
  const event = batch.events[0]
  if (event === undefined) throw new Error('no event')
  return event
}

const TYPES: Record<string, string> = {
  bounce: 'message.bounced',
  click: 'message.clicked',
  complaint: 'message.complained',
  create: 'profile.created',
  delete: 'profile.deleted',
  modify: 'profile.updated',
  optin: 'subscription.subscribed',
  optout: 'subscription.unsubscribed',
  send: 'message.sent',
  view: 'message.opened',
}

describe('mapSmailyAction', () => {
  it('knows exactly the ten documented actions', () => {
    expect(SMAILY_LOG_VOCABULARY.map((entry) => [entry.verb, entry.type])).toEqual(
      Object.entries(TYPES),
    )
  })

  it('maps every action to its type on channel email, with the row fields in place', () => {
    const action = fc.constantFrom(...Object.keys(TYPES))
    fc.assert(
      fc.property(action.chain(smailyRowArbitrary), (row) => {
        const event = one(row)
        expect(event.type).toBe(TYPES[row.action as string])
        expect(event.channel).toBe('email')
        expect(event.count).toBe(1)
        expect(event.source.verb).toBe(row.action)
        expect(event.source.time.raw).toBe(row.time)
        expect(event.source.time.zone).toBe('Europe/Tallinn')
        expect(event.recipient?.email?.toLowerCase()).toBe((row.email as string).toLowerCase())
        expect(event.campaign?.id).toBe(
          row.campaign_id === null ? undefined : String(row.campaign_id),
        )
        expect(event.campaign?.name).toBe(
          row.campaign_name === null || row.campaign_name === '' ? undefined : row.campaign_name,
        )
        if (row.seq_id === undefined) {
          expect(event.source.idBasis).toBe('content')
          expect(event.source.recordId).toBeUndefined()
        } else {
          expect(event.source.idBasis).toBe('vendor')
          expect(event.source.recordId).toBe(String(row.seq_id))
          expect(event.id).toBe(eventId('smaily.history', [String(row.seq_id)]))
        }
      }),
      { numRuns: 500 },
    )
  })

  it('keeps the value where the action puts it, and never drops it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(TYPES), 'resubscribe').chain(smailyRowArbitrary),
        (row) => {
          const event = one(row) as {
            details?: Record<string, unknown>
            extra?: Record<string, unknown>
          }
          const value = row.value as string
          if (value === '') {
            expect(event.extra).toBeUndefined()
            return
          }
          switch (row.action) {
            case 'click':
              expect(event.details).toEqual({ url: value })
              break
            case 'view':
            case 'modify':
              expect(event.details?.raw).toBe(value)
              break
            case 'bounce':
              expect(
                [event.details?.code, event.details?.message].some(
                  (part) => typeof part === 'string' && value.includes(part),
                ),
              ).toBe(true)
              break
            default:
              expect(event.extra).toEqual({ value })
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('maps a view row with a long hostile value, keeping it raw', () => {
    const value = `a${' '.repeat(100_000)}1=; ip=${' '.repeat(100_000)}192.0.2.1`
    const event = one({ email: 'a@b.ee', time: '2025-01-01 10:00:00', action: 'view', value })
    expect(event.details).toEqual({ raw: value })
    expect(event.context).toEqual({ ip: '192.0.2.1' })
  })

  it('maps subscription actions with global scope', () => {
    const base = {
      email: 'a@b.ee',
      time: '2025-01-01 10:00:00',
      campaign_id: null,
      campaign_name: null,
      value: '',
    }
    expect(one({ ...base, action: 'optin' })).toMatchObject({
      type: 'subscription.subscribed',
      details: { scope: 'global' },
    })
    expect(one({ ...base, action: 'optout' })).toMatchObject({
      type: 'subscription.unsubscribed',
      details: { scope: 'global' },
    })
  })

  it('keeps an unknown action verbatim as an unknown event on channel other', () => {
    const event = one({
      email: 'a@b.ee',
      time: '2025-01-01 10:00:00',
      action: 'Bounce',
      value: '550',
    })
    expect(event).toMatchObject({
      type: 'unknown',
      channel: 'other',
      source: { verb: 'Bounce' },
      extra: { value: '550' },
    })
  })

  it('builds the content id from email, occurredAt, action, campaign_id and value', () => {
    const event = one({
      email: 'Mari@Example.EE',
      time: '2025-01-15 09:00:04',
      campaign_id: 77,
      campaign_name: 'x',
      action: 'bounce',
      value: '550',
    })
    expect(event.id).toBe(
      eventId('smaily.history', [
        'Mari@example.ee',
        '2025-01-15T07:00:04.000000000Z',
        'bounce',
        '77',
        '550',
      ]),
    )
    const bare = one({
      email: 'a@b.ee',
      time: '2025-01-15 09:00:04',
      campaign_id: null,
      action: 'send',
      value: '',
    })
    expect(bare.id).toBe(
      eventId('smaily.history', ['a@b.ee', '2025-01-15T07:00:04.000000000Z', 'send', null, null]),
    )
  })

  it('gives rows distinct content ids when their content differs', () => {
    const content = fc.record({
      email: fc.constantFrom('a@b.ee', 'c@d.ee'),
      time: localTimeArbitrary,
      campaign_id: fc.option(fc.nat({ max: 3 }), { nil: null }),
      action: fc.constantFrom('send', 'view', 'click'),
      value: fc.constantFrom('', 'x', 'y'),
    })
    fc.assert(
      fc.property(content, content, (a, b) => {
        const [first, second] = [one(a), one(b)]
        const same =
          first.occurredAt === second.occurredAt &&
          JSON.stringify({ ...a, time: 0 }) === JSON.stringify({ ...b, time: 0 })
        expect(first.id === second.id).toBe(same)
      }),
      { numRuns: 500 },
    )
  })

  it('round-trips any uint64 seq_id exactly from response text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), seqIdArbitrary, (seq, other) => {
        const text = `[{"seq_id":${seq},"email":"a@b.ee","time":"2025-01-01 10:00:00","action":"send"},{"seq_id":${other},"email":"a@b.ee","time":"2025-01-01 10:00:00","action":"send"}]`
        const result = normalize(smailyLogAdapter, text)
        const events = result.success ? result.events : []
        expect(events[0]?.source.recordId).toBe(seq.toString())
        expect(events[0]?.id).toBe(eventId('smaily.history', [seq.toString()]))
        expect(events[1]?.source.recordId).toBe(String(other))
      }),
      { numRuns: 500 },
    )
  })
})
