import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exceedsNestingDepth } from '../helpers/nesting-depth.js'
import { type AnyAdapter, type InputFormat, UnparseableRecord } from '../model/adapter.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import { CanonicalEventSchema } from '../model/canonical-event-schema.js'
import { EvnormError } from '../model/errors.js'
import type { BatchResult } from '../model/outcome.js'
import { CHANNELS, EVENT_TYPES } from '../model/taxonomy.js'
import { normalize, normalizeRecords } from '../normalize/normalize.js'
import { withTimeZone } from './host-time-zone.js'

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
      if (exceedsNestingDepth(record)) expect(typeof rejection.raw).toBe('string')
      else expect(rejection.raw).toBe(record instanceof UnparseableRecord ? record.text : record)
    }
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

function hostileRecords(): unknown[] {
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
  ]
}

/**
 * The conformance suite every adapter runs (call it at the top level of a test file). It
 * checks evnorm's invariants with fast-check: never throws on data, one outcome per
 * record, deterministic output, every event passes the canonical schema, every vocabulary
 * entry maps to a canonical type, unknown verbs are kept as `unknown`, distinct records get
 * distinct ids, and the host time zone has no effect.
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

    it('never throws and gives one outcome per record, whatever the records', () => {
      const mutated = fc
        .tuple(anyKnownRecord, fc.anything(), fc.nat(), fc.boolean())
        .map(([record, value, pick, drop]) => mutate(record, value, pick, drop))
      const record = fc.oneof(fc.jsonValue(), fc.anything(), mutated, anyKnownRecord)
      fc.assert(
        fc.property(fc.array(record, { maxLength: 20 }), (records) => {
          expectOneOutcomePerRecord(records, run(records))
        }),
        { numRuns },
      )
      const hostile = hostileRecords()
      expectOneOutcomePerRecord(hostile, run(hostile))
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
    }
  })
}
