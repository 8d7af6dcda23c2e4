import fc from 'fast-check'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import { testAdapter } from './test-adapter.js'

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
