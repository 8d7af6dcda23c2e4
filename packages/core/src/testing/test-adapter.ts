import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findUnwritableValue } from '../helpers/nesting-depth.js'
import { type AnyAdapter, type InputFormat, UnparseableRecord } from '../model/adapter.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import { CanonicalEventSchema } from '../model/canonical-event-schema.js'
import { EvnormError } from '../model/errors.js'
import type { BatchResult } from '../model/outcome.js'
import { CHANNELS, EVENT_TYPES } from '../model/taxonomy.js'
import { normalize, normalizeRecords } from '../normalize/normalize.js'
import { normalizeStream } from '../normalize/normalize-stream.js'
import { asSource, chunkingArbitrary, cut } from './chunked-source.js'
import { withTimeZone } from './host-time-zone.js'
import { expectPrivacyHolds } from './privacy-property.js'

/** What an adapter's tests give the conformance kit. */
export interface AdapterFixtures {
  /**
   * A well-formed vendor record whose verb is `verb`. Called with every vocabulary verb and
   * with arbitrary other strings that are not blank (they must come out as `unknown` events;
   * an empty or whitespace-only verb may be a `missing_field` rejection instead).
   */
  readonly recordFor: (verb: string) => fc.Arbitrary<Record<string, unknown>>
  /**
   * What makes two records distinct occurrences, whose events must get distinct ids
   * (default: the record's JSON text).
   */
  readonly distinctKey?: (record: Record<string, unknown>) => string
  /** Whole vendor documents (e.g. the vendor pages' examples) that must read with no rejection. */
  readonly documents?: readonly {
    readonly name: string
    readonly input: unknown
    readonly format?: InputFormat
  }[]
  /**
   * The record fields the adapter leaves out on purpose, as its README lists them: top-level
   * keys, or dotted paths to a field inside one (`subscription.channel`; arrays are looked
   * through) that the adapter does not keep as sent. When given, the kit checks that every
   * other top-level field of a record lands in a canonical field (its values appear in the
   * event, the dropped paths inside it aside) or in `extra` under its own key.
   */
  readonly droppedFields?: readonly string[]
  /** Runs per property (default 100). */
  readonly numRuns?: number
}

/** Host time zones the kit runs every adapter under. */
export const CONFORMANCE_TIME_ZONES = ['UTC', 'Pacific/Chatham', 'America/St_Johns'] as const

const BUG_REASONS = new Set(['adapter_error', 'invalid_event'])

function expectOneOutcomePerRecord(
  records: readonly unknown[] | undefined,
  batch: BatchResult,
): void {
  const count = records?.length ?? batch.counts.records
  expect(batch.outcomes).toHaveLength(count)
  expect(batch.counts.accepted + batch.counts.rejected).toBe(count)
  expect(batch.counts.events).toBe(batch.events.length)
  batch.outcomes.forEach((outcome, index) => {
    expect(outcome.index).toBe(index)
    expect(() => JSON.stringify(outcome), `outcome ${index} must serialize`).not.toThrow()
    if (outcome.success) {
      expect(outcome.events.length).toBeGreaterThan(0)
    } else {
      const { rejection } = outcome
      expect(BUG_REASONS.has(rejection.reason), `${rejection.reason}: ${rejection.message}`).toBe(
        false,
      )
      expect(rejection.message.length).toBeGreaterThan(0)
      if (records === undefined) return
      const record = records[index]
      if (findUnwritableValue(record) !== undefined) expect(typeof rejection.raw).toBe('string')
      else expect(rejection.raw).toBe(record instanceof UnparseableRecord ? record.text : record)
    }
  })
}

/** The batch sizes the kit always compares streaming with batch output for. */
export const CONFORMANCE_BATCH_SIZES = [1, 7, 10_000] as const

/** Scalars vendors use for "absent" (Altcraft `0`, `""`, the all-zero ObjectId), which adapters leave out. */
const SENTINEL = /^0*$/

type Paths = readonly (readonly string[])[]

/**
 * Every scalar of a value as text, lower-cased and reduced to letters and digits, for finding a
 * record's values in an event after normalization (`+7 900 123-45-67`, `.EE`, ` Ann@X.org`),
 * except the values at the `skipped` paths inside it (arrays looked through).
 */
function scalarTexts(value: unknown, into: Set<string>, skipped: Paths = []): Set<string> {
  if (Array.isArray(value)) for (const item of value) scalarTexts(item, into, skipped)
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      const below = skipped.filter((path) => path[0] === key).map((path) => path.slice(1))
      if (!below.some((path) => path.length === 0)) scalarTexts(item, into, below)
    }
  else if (value !== undefined && value !== null)
    into.add(
      String(value)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]/gu, ''),
    )
  return into
}

/**
 * The top-level fields of `record` that are not dropped on purpose and whose values do not all
 * appear in the event (in a canonical field, or in `extra` under any key: a nested vendor
 * field may land there under its own name), unless `extra` keeps the field under its key.
 * A dropped dotted path (`subscription.channel`) leaves that nested field's values out.
 */
export function lostFields(
  record: Record<string, unknown>,
  event: CanonicalEvent,
  dropped: ReadonlySet<string>,
): string[] {
  const { extra } = event
  const found = scalarTexts(event, new Set())
  const paths = [...dropped].map((field) => field.split('.'))
  return Object.keys(record).filter((key) => {
    const value = record[key]
    if (dropped.has(key) || value === undefined || value === null || value === '') return false
    if (extra !== undefined && Object.hasOwn(extra, key)) return false
    const inside = paths.filter((path) => path[0] === key).map((path) => path.slice(1))
    const texts = [...scalarTexts(value, new Set(), inside)].filter((text) => !SENTINEL.test(text))
    return !texts.every((text) => found.has(text))
  })
}

function mutate(record: Record<string, unknown>, value: unknown, pick: number, drop: boolean) {
  const keys = Object.keys(record)
  const copy: Record<string, unknown> = { ...record }
  const key = keys[pick % Math.max(keys.length, 1)]
  if (key === undefined) return copy
  if (drop) delete copy[key]
  else copy[key] = value
  return copy
}

function hostileRecords(record: Record<string, unknown>): unknown[] {
  let deep: unknown = 'bottom'
  for (let depth = 0; depth < 5000; depth++) deep = { nested: [deep] }
  return [
    null,
    undefined,
    0,
    '',
    [],
    { ['__proto__']: { polluted: true } },
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}'),
    deep,
    { action: 'x'.repeat(1 << 20), event_type: 'y'.repeat(1 << 20) },
    Object.create(null),
    ...recordsJsonCannotHold(record),
  ]
}

/** Copies of `record` holding what only code can build: BigInts, throwing getters, Proxies. */
function recordsJsonCannotHold(record: Record<string, unknown>): unknown[] {
  const throwing = () => {
    throw new Error('hostile')
  }
  const throwingGetter = (target: object, key: string) =>
    Object.defineProperty(target, key, { get: throwing, enumerable: true })
  const revoked = Proxy.revocable({ ...record }, {})
  revoked.revoke()
  const traps = { get: throwing, ownKeys: throwing, getPrototypeOf: throwing, has: throwing }
  return [
    ...Object.keys(record).flatMap((key) => [
      { ...record, [key]: 2n ** 70n },
      { ...record, [key]: { nested: [1n] } },
      throwingGetter({ ...record }, key),
      { ...record, [key]: throwingGetter({}, 'inner') },
    ]),
    new Proxy({ ...record }, traps),
    new Proxy({ ...record }, { getOwnPropertyDescriptor: throwing }),
    revoked.proxy,
  ]
}

/**
 * The conformance suite every adapter runs (call it at the top level of a test file). It
 * checks evnorm's invariants with fast-check: never throws on data, one outcome per
 * record, deterministic output, every event passes the canonical schema, every vocabulary
 * entry maps to a canonical type, unknown verbs are kept as `unknown`, distinct records get
 * distinct ids, the host time zone has no effect, every outcome serializes (also for records
 * holding BigInts, throwing getters or Proxies), and `normalize` and `normalizeStream` give the
 * same outcomes for the same JSON and NDJSON text, however it is chunked and batched (one batch
 * for an adapter with `analyzeBatch` but no `evidenceSpans`, whose evidence is per batch;
 * records that are not arrays,
 * since a batch parse may read an array of arrays as pages, as Smaily's does).
 */
export function testAdapter({
  adapter,
  fixtures,
}: {
  readonly adapter: AnyAdapter
  readonly fixtures: AdapterFixtures
}): void {
  const numRuns = fixtures.numRuns ?? 100
  const verbs = adapter.vocabulary.map((entry) => entry.verb)
  const knownVerbs = new Set(verbs)
  const anyKnownRecord = fc.oneof(...verbs.map((verb) => fixtures.recordFor(verb)))
  const distinctKey = fixtures.distinctKey ?? ((record) => JSON.stringify(record))
  const run = (records: readonly unknown[]) => normalizeRecords(adapter, records)
  /** Evidence per batch (no `evidenceSpans`): only a whole input is compared with a stream. */
  const evidencePerBatch = adapter.analyzeBatch !== undefined && adapter.evidenceSpans === undefined

  describe(`conformance: ${adapter.feed}`, () => {
    it('declares the v1 contract and a well-formed vocabulary', () => {
      expect(adapter.specificationVersion).toBe('v1')
      expect(adapter.feed).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/)
      expect(adapter.vendor.length).toBeGreaterThan(0)
      expect(adapter.formats.length).toBeGreaterThan(0)
      expect(['distinct', 'same']).toContain(adapter.identicalRecords)
      expect(new Set(verbs).size).toBe(verbs.length)
      for (const entry of adapter.vocabulary) {
        expect(EVENT_TYPES, entry.verb).toContain(entry.type)
        if (entry.channel !== undefined) expect(CHANNELS, entry.verb).toContain(entry.channel)
        expect(entry.description.length, entry.verb).toBeGreaterThan(0)
      }
    })

    it('maps every vocabulary entry to its canonical type, channel and details', () => {
      for (const entry of adapter.vocabulary) {
        fc.assert(
          fc.property(fixtures.recordFor(entry.verb), (record) => {
            const batch = run([record])
            const outcome = batch.outcomes[0]
            expect(outcome?.success, `${entry.verb}: ${JSON.stringify(batch.rejections[0])}`).toBe(
              true,
            )
            for (const event of batch.events) {
              expect(event.type).toBe(entry.type)
              expect(event.source.verb).toBe(entry.verb)
              expect(event.source.feed).toBe(adapter.feed)
              if (entry.channel !== undefined) expect(event.channel).toBe(entry.channel)
              if (entry.details !== undefined) {
                expect((event as { details?: object }).details).toMatchObject(entry.details)
              }
            }
          }),
          { numRuns: Math.max(5, Math.ceil(numRuns / 10)) },
        )
      }
    })

    it('keeps verbs outside the vocabulary as unknown events', () => {
      const unknownVerb = fc
        .string({ minLength: 1 })
        .filter((verb) => verb.trim() !== '' && !knownVerbs.has(verb))
      fc.assert(
        fc.property(unknownVerb.chain(fixtures.recordFor), (record) => {
          const batch = run([record])
          expect(batch.counts.rejected, JSON.stringify(batch.rejections[0])).toBe(0)
          for (const event of batch.events) expect(event.type).toBe('unknown')
        }),
        { numRuns: Math.max(10, Math.ceil(numRuns / 4)) },
      )
    })

    it('leaves no personal value in events or rejections when every class is hashed or dropped', () => {
      const mutated = fc
        .tuple(anyKnownRecord, fc.anything(), fc.nat(), fc.boolean())
        .map(([record, value, pick, drop]) => mutate(record, value, pick, drop))
      expectPrivacyHolds(adapter, fc.oneof(anyKnownRecord, anyKnownRecord, mutated), numRuns)
    })

    it('never throws and gives one outcome per record, whatever the records', () => {
      const mutated = fc
        .tuple(anyKnownRecord, fc.anything(), fc.nat(), fc.boolean())
        .map(([record, value, pick, drop]) => mutate(record, value, pick, drop))
      const record = fc.oneof(
        fc.jsonValue(),
        fc.anything({ withBigInt: true }),
        mutated,
        anyKnownRecord,
      )
      fc.assert(
        fc.property(fc.array(record, { maxLength: 20 }), (records) => {
          expectOneOutcomePerRecord(records, run(records))
        }),
        { numRuns },
      )
      fc.assert(
        fc.property(anyKnownRecord, (known) => {
          const hostile = hostileRecords(known)
          expectOneOutcomePerRecord(hostile, run(hostile))
          expectOneOutcomePerRecord(
            hostile,
            normalizeRecords(adapter, hostile, { includeRaw: true }),
          )
        }),
        { numRuns: 3 },
      )
    })

    it('never throws on arbitrary input text, bytes or values', () => {
      const input = fc.oneof(fc.string(), fc.uint8Array(), fc.jsonValue(), fc.anything(), fc.json())
      fc.assert(
        fc.property(input, (value) => {
          const result = normalize(adapter, value)
          if (result.success) expectOneOutcomePerRecord(undefined, result)
          else expect(EvnormError.isInstance(result.error)).toBe(true)
        }),
        { numRuns },
      )
    })

    it('gives the same outcomes in batch and streamed, however the text is chunked and batched', async () => {
      const texts = [
        ...adapter.jsonRecordPaths.map((path) => ({
          format: 'json' as const,
          render: (records: unknown[]) =>
            JSON.stringify(path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), records)),
        })),
        ...(adapter.formats.includes('ndjson')
          ? [
              {
                format: 'ndjson' as const,
                render: (records: unknown[]) =>
                  records.map((r) => `${JSON.stringify(r)}\n`).join(''),
              },
            ]
          : []),
      ]
      const notAnArray = fc.jsonValue({ maxDepth: 2 }).filter((value) => !Array.isArray(value))
      const record = fc.oneof(anyKnownRecord, notAnArray)
      await fc.assert(
        fc.asyncProperty(
          fc.array(record, { minLength: 1, maxLength: 8 }),
          fc.constantFrom(...texts),
          chunkingArbitrary,
          fc.oneof(fc.constantFrom(...CONFORMANCE_BATCH_SIZES), fc.integer({ min: 1, max: 9 })),
          fc.boolean(),
          async (records, text, chunking, size, sniff) => {
            const input = text.render(records)
            const format = sniff ? {} : { format: text.format }
            const batch = normalize(adapter, input, format)
            const batchSize = evidencePerBatch ? records.length : size
            const streamed: unknown[] = []
            let error: unknown
            for await (const item of normalizeStream(
              adapter,
              asSource(cut(input, chunking), chunking),
              {
                ...format,
                batchSize,
              },
            )) {
              if (item.success) streamed.push(...item.outcomes)
              else error = item.error
            }
            if (!batch.success) {
              expect(error?.constructor, input).toBe(batch.error.constructor)
              return
            }
            expect(error, input).toBeUndefined()
            expect(JSON.stringify(streamed), input).toBe(JSON.stringify(batch.outcomes))
          },
        ),
        { numRuns: Math.max(10, Math.ceil(numRuns / 2)) },
      )
    })

    for (const batchSize of evidencePerBatch ? [] : CONFORMANCE_BATCH_SIZES) {
      it(`streams byte for byte what normalize gives, in batches of ${batchSize}`, async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(anyKnownRecord, { minLength: 1, maxLength: 30 }),
            async (records) => {
              const input = records.map((record) => `${JSON.stringify(record)}\n`).join('')
              const batch = normalize(adapter, input, { format: 'ndjson' })
              const streamed: unknown[] = []
              for await (const item of normalizeStream(adapter, [input], {
                format: 'ndjson',
                batchSize,
              })) {
                if (item.success) streamed.push(...item.outcomes)
              }
              expect(batch.success).toBe(true)
              if (batch.success)
                expect(JSON.stringify(streamed)).toBe(JSON.stringify(batch.outcomes))
            },
          ),
          { numRuns: Math.max(10, Math.ceil(numRuns / 4)) },
        )
      })
    }

    if (fixtures.droppedFields !== undefined) {
      const dropped = new Set(fixtures.droppedFields)
      it('puts every record field in a canonical field, in extra, or in the documented dropped list', () => {
        fc.assert(
          fc.property(anyKnownRecord, (record) => {
            const result = run([record])
            for (const event of result.events)
              expect(lostFields(record, event, dropped), JSON.stringify(record)).toEqual([])
          }),
          { numRuns },
        )
      })
    }

    it('is deterministic and independent of the host time zone', () => {
      fc.assert(
        fc.property(fc.array(anyKnownRecord, { maxLength: 10 }), (records) => {
          const outputs = CONFORMANCE_TIME_ZONES.map((zone) =>
            withTimeZone(zone, () => JSON.stringify(run(records))),
          )
          for (const output of outputs) expect(output).toBe(outputs[0])
          expect(JSON.stringify(run(records))).toBe(outputs[0])
        }),
        { numRuns: Math.max(10, Math.ceil(numRuns / 4)) },
      )
    })

    it('emits only events that pass the canonical schema', () => {
      fc.assert(
        fc.property(fc.array(anyKnownRecord, { maxLength: 10 }), (records) => {
          const batch = normalizeRecords(adapter, records, { validate: false })
          for (const event of batch.events) {
            const parsed = CanonicalEventSchema.safeParse(event)
            expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
            if (event.source.idBasis === 'vendor')
              expect(
                event.source.recordId,
                `${event.id}: idBasis vendor needs source.recordId`,
              ).toBeDefined()
          }
        }),
        { numRuns },
      )
    })

    it('gives distinct records distinct ids', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(anyKnownRecord, { selector: distinctKey, minLength: 2, maxLength: 20 }),
          (records) => {
            const batch = run(records)
            expect(batch.counts.rejected).toBe(0)
            const ids = batch.events.map((event: CanonicalEvent) => event.id)
            expect(new Set(ids).size).toBe(ids.length)
          },
        ),
        { numRuns },
      )
    })

    for (const document of fixtures.documents ?? []) {
      it(`reads ${document.name} with no rejection, deterministically`, () => {
        const options = document.format === undefined ? {} : { format: document.format }
        const first = normalize(adapter, document.input, options)
        expect(first.success, first.success ? '' : first.error.message).toBe(true)
        if (!first.success) return
        expect(first.rejections, JSON.stringify(first.rejections[0])).toHaveLength(0)
        expect(first.events.length).toBeGreaterThan(0)
        const again = withTimeZone('Asia/Kathmandu', () =>
          normalize(adapter, document.input, options),
        )
        expect(JSON.stringify(again)).toBe(JSON.stringify(first))
      })

      if (typeof document.input === 'string' && !evidencePerBatch) {
        const text = document.input
        it(`streams ${document.name} byte for byte as normalize reads it, in batches of ${CONFORMANCE_BATCH_SIZES.join(', ')}`, async () => {
          const whole = normalize(
            adapter,
            text,
            document.format === undefined ? {} : { format: document.format },
          )
          expect(whole.success).toBe(true)
          if (!whole.success) return
          for (const batchSize of CONFORMANCE_BATCH_SIZES) {
            const streamed: unknown[] = []
            for await (const item of normalizeStream(adapter, [text], {
              ...(document.format === undefined ? {} : { format: document.format }),
              batchSize,
            })) {
              if (item.success) streamed.push(...item.outcomes)
            }
            expect(JSON.stringify(streamed), `batch size ${batchSize}`).toBe(
              JSON.stringify(whole.outcomes),
            )
          }
        })
      }
    }
  })
}
