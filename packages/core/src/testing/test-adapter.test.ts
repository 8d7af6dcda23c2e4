import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import { lostFields, testAdapter } from './test-adapter.js'

const verbAt = (verb: string) =>
  fc.record(
    {
      id: fc.stringMatching(/^[a-z0-9]{1,12}$/),
      verb: fc.constant(verb),
      at: fc
        .date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:59Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString()),
      email: fc.stringMatching(/^[a-z]{1,8}@[a-z]{1,8}\.example$/),
      url: fc.stringMatching(/^https:\/\/[a-z]{1,8}\.example\/[a-z0-9]{0,8}$/),
    },
    { requiredKeys: ['verb', 'at'] },
  )

testAdapter({
  adapter: createExampleAdapter(),
  fixtures: {
    recordFor: verbAt,
    distinctKey: (record) =>
      typeof record.id === 'string'
        ? `id:${record.id}`
        : JSON.stringify([record.verb, record.at, record.email]),
    documents: [
      {
        name: 'an envelope of two records',
        input:
          '{"items":[{"id":"1","verb":"sent","at":"2025-01-01T00:00:00Z"},{"verb":"clicked","at":"2025-01-01T00:00:01.123456789Z","url":"https://x.example"}]}',
      },
    ],
  },
})

describe('the every-field check', () => {
  const event = {
    schema: 'evnorm.event.v1',
    id: '00000000-0000-5000-8000-000000000000',
    type: 'message.sent',
    channel: 'telegram',
    occurredAt: '2025-01-01T00:00:00.000000000Z',
    count: 1,
    source: { vendor: 'v', feed: 'v.f', verb: 'send', idBasis: 'content', time: { raw: 't' } },
    subscription: { channel: 'telegram', resourceId: '7' },
    extra: { note: 'n' },
  } as const satisfies CanonicalEvent
  const record = {
    verb: 'send',
    note: 'kept under its own key',
    subscription: [{ channel: 'telegram_bot', resource_id: 7 }],
    channel: 'sms',
  }

  it('names every top-level field whose values the event does not hold', () => {
    expect(lostFields(record, event, new Set())).toEqual(['subscription', 'channel'])
  })

  it('leaves out dropped top-level fields and dropped paths inside a field, through arrays', () => {
    expect(lostFields(record, event, new Set(['channel', 'subscription.channel']))).toEqual([])
    expect(lostFields(record, event, new Set(['channel', 'subscription.resource_id']))).toEqual([
      'subscription',
    ])
  })
})
