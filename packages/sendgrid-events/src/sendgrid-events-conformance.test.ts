import { fc } from '@fast-check/vitest'
import { testAdapter } from '@evnorm/core/testing'
import { sendgridEventsAdapter } from './index.js'

testAdapter({
  adapter: sendgridEventsAdapter,
  fixtures: {
    recordFor: (verb) =>
      fc.record({
        event: fc.constant(verb),
        id: fc.uuid(),
        timestamp: fc.integer({ min: 0, max: 4_102_444_800 }),
        email: fc.constantFrom('ann@example.org', 'bob@example.com'),
      }),
    droppedFields: [],
  },
})
