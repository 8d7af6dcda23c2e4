import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  type CanonicalEvent,
  createNormalizeTransform,
  normalize,
  normalizeStream,
  UnreadableInputError,
} from '@evnorm/core'
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { hookMessageFor } from './altcraft-hooks-arbitraries.test-helpers.js'
import { ALTCRAFT_HOOKS_VOCABULARY, altcraftHooksAdapter } from './index.js'

const batchText = readFileSync(
  new URL('./__fixtures__/event-groups.batch.json', import.meta.url),
  'utf8',
)
const batch = JSON.parse(batchText) as Record<string, unknown>[]
const one = batch[4] as Record<string, unknown>

function events(input: unknown, format?: 'json' | 'ndjson') {
  const result = normalize(altcraftHooksAdapter, input, format === undefined ? {} : { format })
  if (!result.success) throw result.error
  return result
}

describe('inputs', () => {
  it('reads an HTTP batch body as text, bytes or a parsed array, locating records as $[i]', () => {
    const fromText = events(batchText)
    expect(fromText.format).toBe('json')
    expect(fromText.counts).toMatchObject({ records: batch.length, accepted: batch.length })
    expect(events(new TextEncoder().encode(batchText)).events).toEqual(fromText.events)
    expect(events(`\uFEFF${batchText}`).events).toEqual(fromText.events)
    const parsed = events(batch)
    expect(parsed.format).toBe('value')
    expect(parsed.events).toEqual(fromText.events)
    const withBad = events([one, { event_type: 'send' }])
    expect(withBad.rejections[0]?.locator).toBe('$[1]')
  })

  it('reads one broker message (RabbitMQ, Kafka) as one record located at $', () => {
    const fromText = events(JSON.stringify(one))
    expect(fromText.events).toHaveLength(1)
    expect(fromText.events[0]).toEqual(events(batchText).events[4])
    expect(events(one).events).toEqual(fromText.events)
    expect(events({ event_date: 'x' }).rejections[0]?.locator).toBe('$')
  })

  it('reads NDJSON, one message per line, located by line number', () => {
    const lines = `${JSON.stringify(batch[0])}\n\n${JSON.stringify(batch[1])}\n{"event_type":"send"}\nnot json\n`
    const result = events(lines, 'ndjson')
    expect(result.format).toBe('ndjson')
    expect(result.events.map((event) => event.source.verb)).toEqual(['uclick', 'open'])
    expect(result.rejections.map((rejection) => [rejection.locator, rejection.reason])).toEqual([
      ['line 4', 'missing_field'],
      ['line 5', 'invalid_json'],
    ])
  })

  it('reads a batch with one broken message as its other events and one invalid_json', () => {
    const good = JSON.stringify(one)
    const result = events(`[${good},{"event_type":"deliv",,},${good}]`)
    expect(result.events).toHaveLength(2)
    expect(result.rejections.map((rejection) => [rejection.locator, rejection.reason])).toEqual([
      ['$[1]', 'invalid_json'],
    ])
  })

  it('reads an empty batch as no records', () => {
    expect(events('[]').counts.records).toBe(0)
  })

  it('returns a typed error for input that is no hook document', () => {
    for (const input of [
      '',
      '   ',
      '42',
      '"send"',
      'null',
      '[{"event_type":',
      '<xml/>',
      7,
      null,
      undefined,
    ]) {
      const result = normalize(altcraftHooksAdapter, input)
      expect(result.success, String(input)).toBe(false)
      if (!result.success) {
        expect(UnreadableInputError.isInstance(result.error)).toBe(true)
        expect(result.error.message).toMatch(/^altcraft\.hooks: cannot read the input as /)
      }
    }
    const xml = normalize(altcraftHooksAdapter, batchText, { format: 'xml' })
    expect(xml.success).toBe(false)
  })

  it('keeps integers above 2^53 exact when reading text', () => {
    const text =
      '{"event_type":"send","event_date":"2025-01-01T00:00:00Z","list_id":18446744073709551615}'
    expect(events(text).events[0]?.recipient?.listId).toBe('18446744073709551615')
  })
})

describe('streaming', () => {
  const messages = fc.array(
    fc.constantFrom(...ALTCRAFT_HOOKS_VOCABULARY.map((entry) => entry.verb)).chain(hookMessageFor),
    {
      maxLength: 12,
    },
  )
  const cuts = fc.array(fc.nat(), { maxLength: 6 })

  function chunks(text: string, at: number[]): string[] {
    const points = [...new Set(at.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b)
    return [0, ...points].map((start, index) => text.slice(start, points[index] ?? text.length))
  }

  async function streamed(
    source: Iterable<string | Uint8Array>,
    batchSize = 3,
  ): Promise<CanonicalEvent[]> {
    const out: CanonicalEvent[] = []
    for await (const item of normalizeStream(altcraftHooksAdapter, source, { batchSize })) {
      if (!item.success) throw item.error
      out.push(...item.events)
    }
    return out
  }

  test.prop([messages, cuts], { numRuns: 30 })(
    'a batch body split anywhere streams to the same events as the whole body',
    async (records, at) => {
      const text = JSON.stringify(records)
      const whole = events(text).events
      expect(await streamed(chunks(text, at))).toEqual(whole)
      if (records.length === 0) return
      const ndjson = records.map((record) => JSON.stringify(record)).join('\n')
      const bytes = chunks(ndjson, at).map((chunk) => new TextEncoder().encode(chunk))
      expect(await streamed(bytes)).toEqual(events(ndjson, 'ndjson').events)
    },
  )

  it('streams a single broker message', async () => {
    expect(await streamed([JSON.stringify(one)])).toEqual(events(one).events)
  })

  it('works as a Node transform in a pipeline', async () => {
    const received: CanonicalEvent[] = []
    await pipeline(
      Readable.from([batchText.slice(0, 100), batchText.slice(100)]),
      createNormalizeTransform(altcraftHooksAdapter),
      async (source: AsyncIterable<CanonicalEvent>) => {
        for await (const event of source) received.push(event)
      },
    )
    expect(received).toEqual(events(batchText).events)
  })
})
