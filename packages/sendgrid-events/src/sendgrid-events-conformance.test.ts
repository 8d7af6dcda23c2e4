import { readFileSync } from 'node:fs'
import { testAdapter } from '@evnorm/core/testing'
import { fc } from '@fast-check/vitest'
import { sendgridEventsAdapter } from './index.js'

const CONTENT_KEY = ['event', 'timestamp', 'sg_message_id', 'email', 'url', 'type', 'attempt']

const verbFields: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  dropped: fc.record({
    reason: fc.constantFrom('Bounced Address', 'Unsubscribed Address', 'Invalid', 'Spam Content'),
  }),
  deferred: fc.record({
    response: fc.constantFrom('400 try again later', 'mailbox full'),
    attempt: fc.constantFrom('1', '5', 12),
  }),
  bounce: fc.record(
    {
      type: fc.constantFrom('bounce', 'blocked'),
      status: fc.constantFrom('5.0.0', '5.7.1'),
      reason: fc.string({ minLength: 1 }),
      bounce_classification: fc.constantFrom('Invalid Address', 'Reputation'),
    },
    { requiredKeys: ['type'] },
  ),
  open: fc.record(
    { sg_machine_open: fc.boolean(), useragent: fc.string({ minLength: 1 }), ip: fc.ipV4() },
    { requiredKeys: [] },
  ),
  click: fc.record({ url: fc.webUrl(), useragent: fc.string({ minLength: 1 }), ip: fc.ipV4() }),
  group_unsubscribe: fc.record({ asm_group_id: fc.integer({ min: 1, max: 99_999 }) }),
  group_resubscribe: fc.record({ asm_group_id: fc.integer({ min: 1, max: 99_999 }) }),
}

const customArgs = fc.dictionary(
  fc.constantFrom('customer_id', 'tenant', 'sg_user_id', 'smtp-id', 'tls', '__proto__'),
  fc.oneof(fc.string(), fc.integer()),
  { maxKeys: 3 },
)

function recordFor(verb: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record(
        {
          event: fc.constant(verb),
          email: fc.constantFrom('ann@example.org', 'Bob@Example.COM'),
          timestamp: fc.integer({ min: 0, max: 4_102_444_800 }),
          sg_event_id: fc.base64String({ minLength: 4, maxLength: 24 }),
          sg_message_id: fc.stringMatching(/^[a-z0-9]{6}\.filter\d{4}$/),
          category: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
          marketing_campaign_id: fc.integer({ min: 1, max: 1_000_000 }),
          marketing_campaign_name: fc.string({ minLength: 1 }),
        },
        { requiredKeys: ['event', 'email', 'timestamp'] },
      ),
      (Object.hasOwn(verbFields, verb) ? verbFields[verb] : undefined) ?? fc.constant({}),
      customArgs,
    )
    .map(([common, specific, custom]) => ({ ...custom, ...common, ...specific }))
}

testAdapter({
  adapter: sendgridEventsAdapter,
  fixtures: {
    recordFor,
    distinctKey: (record) =>
      typeof record.sg_event_id === 'string' && record.sg_event_id !== ''
        ? `vendor:${record.sg_event_id}`
        : JSON.stringify([
            ...CONTENT_KEY.map((key) => record[key] ?? null),
            record.asm_group_id ?? null,
          ]),
    droppedFields: [],
    documents: [
      {
        name: 'a webhook batch of every event type',
        input: readFileSync(new URL('./__fixtures__/webhook-batch.json', import.meta.url), 'utf8'),
      },
    ],
  },
})
