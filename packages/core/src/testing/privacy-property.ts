import fc from 'fast-check'
import { expect } from 'vitest'
import type { AnyAdapter } from '../model/adapter.js'
import { CanonicalEventSchema } from '../model/canonical-event-schema.js'
import type { BatchResult } from '../model/outcome.js'
import { PERSONAL_DATA_CLASSES } from '../model/personal-data.js'
import { normalizeRecords } from '../normalize/normalize.js'
import { personalFields } from '../privacy/privacy-plan.js'

const KEY = 'conformance-kit-hash-key-0123456789'
const HASHES = /hmac-sha256:[0-9a-f]{64}/g

/**
 * Checks, over generated record arrays, that with every personal-data class hashed or dropped
 * no personal value of the events (at any case or spacing) is left in the events or
 * rejections, unless it also appears where the output holds no personal data; that ids and
 * outcomes are those of the run without privacy; and that every event still validates.
 */
export function expectPrivacyHolds(
  adapter: AnyAdapter,
  record: fc.Arbitrary<unknown>,
  numRuns: number,
): void {
  const actions = fc.record(
    Object.fromEntries(
      PERSONAL_DATA_CLASSES.map((personal) => [personal, fc.constantFrom('hash', 'drop')]),
    ) as Record<(typeof PERSONAL_DATA_CLASSES)[number], fc.Arbitrary<'hash' | 'drop'>>,
  )
  fc.assert(
    fc.property(fc.array(record, { maxLength: 10 }), actions, (records, chosen) => {
      const plain = normalizeRecords(adapter, records, { includeRaw: true })
      const hidden = normalizeRecords(adapter, records, {
        includeRaw: true,
        privacy: { actions: chosen, hashKey: KEY },
      })
      const stripped = normalizeRecords(adapter, records, {
        includeRaw: true,
        privacy: { actions: { all: 'drop' } },
      })
      expect(hidden.outcomes.map((outcome) => outcome.success)).toEqual(
        plain.outcomes.map((outcome) => outcome.success),
      )
      expect(hidden.events.map((event) => event.id)).toEqual(plain.events.map((event) => event.id))
      for (const event of hidden.events) {
        expect(CanonicalEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true)
      }
      for (const rejection of hidden.rejections) {
        expect(
          leaves(rejection.raw).every((leaf) => typeof leaf !== 'string' || isHash(leaf)),
        ).toBe(true)
      }
      const vendorHashes = new Set(personalValues(plain, true).map(flatten))
      const left = outputText(hidden, vendorHashes).replace(HASHES, '')
      const allowed = outputText(stripped, vendorHashes)
      for (const value of personalValues(plain, false)) {
        const needle = flatten(JSON.stringify(value).slice(1, -1))
        const token = needle.length < 6 || /^[0-9a-f.:+-]*$/.test(needle) ? `"${needle}"` : needle
        if (needle === '' || vendorHashes.has(flatten(value)) || allowed.includes(token)) continue
        expect(left.includes(token), `${JSON.stringify(value)} left in the output`).toBe(false)
      }
    }),
    { numRuns },
  )
}

/**
 * The values (not the keys) of the events and rejections, each as JSON, flattened, less the
 * vendor's own hashes (kept as sent, so a personal value may be part of their text).
 */
function outputText(batch: BatchResult, vendorHashes: ReadonlySet<string>): string {
  return leaves([batch.events, batch.rejections])
    .filter((leaf) => !vendorHashes.has(flatten(String(leaf))))
    .map((leaf) => flatten(JSON.stringify(leaf) ?? ''))
    .join('\u0000')
}

/** Lower case, no white space: a value is found at any case or spacing. */
function flatten(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '')
}

function isHash(text: string): boolean {
  return text.replace(HASHES, '') === ''
}

/** Every string or number at a personal field of the events, as text: vendor hashes, or the others. */
function personalValues(batch: BatchResult, vendorHashed: boolean): string[] {
  const found: string[] = []
  for (const event of batch.events) {
    for (const field of personalFields(event.type)) {
      if (field.vendorHashed !== vendorHashed) continue
      for (const value of valuesAt(event, field.path, 0)) {
        for (const leaf of leaves(value)) {
          if (typeof leaf === 'string' || typeof leaf === 'number') found.push(String(leaf))
        }
      }
    }
  }
  return found
}

function valuesAt(value: unknown, path: readonly string[], at: number): unknown[] {
  const name = path[at]
  if (name === undefined) return [value]
  if (name === '[]') {
    return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, path, at + 1)) : []
  }
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return []
  return valuesAt((value as Record<string, unknown>)[name], path, at + 1)
}

function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves)
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(leaves)
  return [value]
}
