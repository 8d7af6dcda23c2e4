import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import { UnreadableInputError, VendorErrorEnvelopeError } from '../model/errors.js'
import type { RecordOutcome, Rejection } from '../model/outcome.js'
import { asSource, chunkingArbitrary, cut } from '../testing/chunked-source.js'
import { normalize } from './normalize.js'
import { normalizeStream, type StreamItem } from './normalize-stream.js'
import { createNormalizeTransform } from './normalize-transform.js'

const adapter = createExampleAdapter()

const record = fc.record(
  {
    id: fc.constantFrom('1', '2', '3'),
    verb: fc.constantFrom('sent', 'opened', 'clicked', 'bounced', 'other'),
    at: fc.constantFrom('2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000000001Z', 'not a time'),
    email: fc.constantFrom('a@x.example', 'b@x.example'),
  },
  { requiredKeys: ['verb', 'at'] },
)
const anyRecord = fc.oneof(record, fc.jsonValue())

function chunk(text: string, cuts: number[], bytes: boolean): (string | Uint8Array)[] {
  const data = bytes ? Buffer.from(text) : text
  const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b)
  const chunks: (string | Uint8Array)[] = []
  let start = 0
  for (const point of [...points, data.length]) {
    chunks.push(data.slice(start, point))
    start = point
  }
  return chunks
}

async function collect(items: AsyncIterable<StreamItem>) {
  const events: CanonicalEvent[] = []
  const rejections: Rejection[] = []
  const errors: unknown[] = []
  for await (const item of items) {
    if (!item.success) errors.push(item.error)
    else {
      events.push(...item.events)
      rejections.push(...item.rejections)
    }
  }
  return { events, rejections, errors }
}

describe('normalizeStream', () => {
  it('yields exactly what normalize gives, however the input is chunked and batched', async () => {
    const documents = fc.array(anyRecord, { maxLength: 25 }).chain((records) =>
      fc.constantFrom(
        { text: JSON.stringify(records), format: undefined },
        {
          text: JSON.stringify({ before: 1, items: records, after: [true] }, null, 1),
          format: undefined,
        },
        { text: records.map((r) => JSON.stringify(r)).join('\n'), format: 'ndjson' as const },
      ),
    )
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 7 }),
        async (document, cuts, bytes, batchSize) => {
          const expected = normalize(
            adapter,
            document.text,
            document.format ? { format: document.format } : {},
          )
          const options = { batchSize, ...(document.format ? { format: document.format } : {}) }
          const streamed = await collect(
            normalizeStream(adapter, chunk(document.text, cuts, bytes), options),
          )
          if (!expected.success) {
            expect(streamed.errors).toHaveLength(1)
            return
          }
          expect(streamed.errors).toEqual([])
          expect(streamed.events).toEqual(expected.events)
          expect(streamed.rejections).toEqual(expected.rejections)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('agrees with normalize on a record array with one broken element', async () => {
    const broken = fc.constantFrom(
      '{"verb":tru}',
      '{"verb":"sent",}',
      '{verb:"sent"}',
      "{'verb':'sent'}",
      '{"at":01}',
      '[NaN]',
      '{"a":"\\x"}',
      '{"a":1 "b":2}',
      'undefined',
      '-',
    )
    const documents = fc
      .tuple(fc.array(anyRecord, { maxLength: 12 }), fc.nat(), broken, fc.boolean())
      .map(([records, at, element, envelope]) => {
        const texts = records.map((value) => JSON.stringify(value))
        texts.splice(at % (texts.length + 1), 0, element)
        const array = `[${texts.join(',\n ')}]`
        return envelope ? `{"before":1,"items":${array},"after":[true]}` : array
      })
    await fc.assert(
      fc.asyncProperty(
        documents,
        chunkingArbitrary,
        fc.integer({ min: 1, max: 5 }),
        async (text, chunking, batchSize) => {
          const expected = normalize(adapter, text)
          expect(expected.success, text).toBe(true)
          if (!expected.success) return
          expect(expected.rejections.filter((r) => r.reason === 'invalid_json')).toHaveLength(1)
          const outcomes: RecordOutcome[] = []
          for await (const item of normalizeStream(
            adapter,
            asSource(cut(text, chunking), chunking),
            {
              batchSize,
            },
          )) {
            expect(item.success).toBe(true)
            if (item.success) outcomes.push(...item.outcomes)
          }
          expect(outcomes).toEqual(expected.outcomes)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('agrees with normalize on long record arrays, read in runs of elements', async () => {
    const texts = Array.from({ length: 3000 }, (_, i) => {
      if (i % 997 === 5) return '{"id":1,"verb":"sent",}'
      const id = i % 3 === 0 ? `"${i}"` : `${12345678901234567890n + BigInt(i)}`
      return `{"id":${id},"verb":"opened","at":"2025-01-01T00:00:00Z","n":[${i},-98765432109876543210]}`
    })
    for (const text of [`[${texts.join(',')}]`, `{"items":[\n${texts.join(',\n')}\n],"next":7}`]) {
      const expected = normalize(adapter, text, { includeRaw: true })
      expect(expected.success && expected.counts.rejected).toBe(4)
      if (!expected.success) return
      for (const chunks of [[text], chunk(text, [65_536, 131_072, 196_608], true)]) {
        const outcomes: RecordOutcome[] = []
        for await (const item of normalizeStream(adapter, chunks, { includeRaw: true })) {
          expect(item.success).toBe(true)
          if (item.success) outcomes.push(...item.outcomes)
        }
        expect(outcomes).toEqual(expected.outcomes)
      }
    }
  })

  it('detects NDJSON from the content', async () => {
    const text =
      '{"verb":"sent","at":"2025-01-01T00:00:00Z"}\n{"verb":"opened","at":"2025-01-01T00:00:00Z"}\n'
    const { events } = await collect(normalizeStream(adapter, [text]))
    expect(events.map((event) => event.type)).toEqual(['message.sent', 'message.opened'])
  })

  it('detects NDJSON whose first line is longer than the 1 MiB head, as normalize does', async () => {
    const long = `{"verb":"sent","at":"2025-01-01T00:00:00Z","note":"${'x'.repeat(1.5 * 2 ** 20)}"}`
    const text = `${long}\n{"verb":"opened","at":"2025-01-01T00:00:00Z"}\n`
    const batch = normalize(adapter, text)
    expect(batch.success && batch.format).toBe('ndjson')
    for (const chunks of [[text], chunk(text, [65_536, 2 ** 20, 2 ** 20 + 3], true)]) {
      const { events, errors } = await collect(normalizeStream(adapter, chunks))
      expect(errors).toEqual([])
      expect(events.map((event) => event.type)).toEqual(['message.sent', 'message.opened'])
    }
  })

  it('reads a one-line envelope longer than the head as JSON without holding it whole', async () => {
    const element = '{"verb":"sent","at":"2025-01-01T00:00:00Z"}'
    const text = `{"items":[${Array(40_000).fill(element).join(',')}],"next":null}`
    const { events, errors } = await collect(normalizeStream(adapter, [text]))
    expect(errors).toEqual([])
    expect(events).toHaveLength(40_000)
  })

  it('ends a truncated JSON array with an unreadable-input item after the records it could read', async () => {
    const text =
      '[{"verb":"sent","at":"2025-01-01T00:00:00Z"},{"verb":"opened","at":"2025-01-01T00:00:00Z"},{"verb":"se'
    const { events, errors } = await collect(normalizeStream(adapter, [text]))
    expect(events).toHaveLength(2)
    expect(errors).toHaveLength(1)
    expect(UnreadableInputError.isInstance(errors[0])).toBe(true)
  })

  it('reports a vendor error envelope as the final item', async () => {
    const { errors } = await collect(normalizeStream(adapter, ['{"failure":"quota"}']))
    expect(VendorErrorEnvelopeError.isInstance(errors[0])).toBe(true)
  })

  it('ends with an unreadable-input item, never a throw, when one text outgrows maxTextLength', async () => {
    const sent = '{"verb":"sent","at":"2025-01-01T00:00:00Z"}'
    const long = `{"verb":"sent","at":"2025-01-01T00:00:00Z","note":"${'x'.repeat(200)}"}`
    const cases = [
      { text: `${sent}\n${long}\n${sent}\n`, format: 'ndjson', where: /line 2/, events: 1 },
      { text: `${sent}\n${sent}\n${long}`, format: 'ndjson', where: /line 3/, events: 2 },
      {
        text: `[${sent},${long},${sent}]`,
        format: 'json',
        where: 'the element at $[1]',
        events: 1,
      },
      {
        text: `{"items":[${sent}],"note":"${'y'.repeat(200)}"}`,
        format: 'json',
        where: /the JSON text around/,
        events: 1,
      },
      {
        text: `{"${'k'.repeat(200)}":1}`,
        format: 'json',
        where: /a property name|the JSON text around/,
        events: 0,
      },
    ] as const
    for (const { text, format, where, events } of cases) {
      for (const chunks of [[text], text.match(/[\s\S]{1,7}/g) ?? [], [Buffer.from(text)]]) {
        const streamed = await collect(
          normalizeStream(adapter, chunks, { format, maxTextLength: 100, batchSize: 1 }),
        )
        expect(streamed.events, text).toHaveLength(events)
        expect(streamed.errors).toHaveLength(1)
        const error = streamed.errors[0] as UnreadableInputError
        expect(UnreadableInputError.isInstance(error)).toBe(true)
        expect(error.message).toContain('longer than 100 characters (maxTextLength)')
        expect(`${error.location} ${error.message}`).toMatch(where)
      }
    }
  })

  it('reads a whole document only up to maxTextLength', async () => {
    const text = `[${'{"verb":"sent","at":"2025-01-01T00:00:00Z"},'.repeat(5)}{}]`
    for (const chunks of [[text], [Buffer.from(text)]]) {
      const streamed = await collect(
        normalizeStream(adapter, chunks, { format: 'xml', maxTextLength: 100 }),
      )
      expect((streamed.errors[0] as Error).message).toContain(
        'the document is longer than 100 characters',
      )
    }
  })

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(collect(normalizeStream(adapter, ['[]'], { batchSize: 0 }))).rejects.toThrow(
      RangeError,
    )
  })
})

describe('createNormalizeTransform', () => {
  it('streams events through stream.pipeline and emits rejections as events', async () => {
    const events: CanonicalEvent[] = []
    const rejections: Rejection[] = []
    const transform = createNormalizeTransform(adapter, { batchSize: 2 })
    transform.on('rejection', (rejection: Rejection) => rejections.push(rejection))
    await pipeline(
      Readable.from([
        '[{"verb":"sent","at":"2025-01-01T00:00:00Z"},',
        '{"verb":"sent"},{"verb":"opened","at":"2025-01-01T00:00:00Z"}]',
      ]),
      transform,
      new Writable({
        objectMode: true,
        write(event: CanonicalEvent, _encoding, done) {
          events.push(event)
          done()
        },
      }),
    )
    expect(events.map((event) => event.type)).toEqual(['message.sent', 'message.opened'])
    expect(rejections).toMatchObject([{ reason: 'missing_field', locator: '$[1]' }])
  })

  it('fails the pipeline with the typed error of a vendor error envelope', async () => {
    const sink = new Writable({ objectMode: true, write: (_event, _encoding, done) => done() })
    await expect(
      pipeline(Readable.from(['{"failure":"denied"}']), createNormalizeTransform(adapter), sink),
    ).rejects.toSatisfy((error: unknown) => VendorErrorEnvelopeError.isInstance(error))
  })
})
