import { readFileSync } from 'node:fs'
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { detectSource } from './detect-source.js'
import { SOURCE_NAMES, SOURCES, type SourceName } from './sources.js'

const signatures = SOURCE_NAMES.map((name) => [name, SOURCES[name].adapter.signature] as const)

const DECISIVE = [
  ...new Set(
    signatures.flatMap(([, signature]) => [
      ...(signature?.recordKeys.flat() ?? []),
      ...(signature?.documents?.flatMap((document) => [
        ...document.keys,
        ...(document.anyOf ?? []),
      ]) ?? []),
    ]),
  ),
]

const otherKey = fc.string({ maxLength: 12 }).filter((key) => !DECISIVE.includes(key))
const decoyObject = fc.dictionary(fc.constantFrom(...DECISIVE), fc.string({ maxLength: 8 }), {
  maxKeys: 4,
})

const decisive = new Map(
  signatures.map(([name, signature]) => [
    name,
    fc.oneof(
      ...(signature?.recordKeys ?? []).map((keys) =>
        fc.record(Object.fromEntries(keys.map((key) => [key, fc.string()]))),
      ),
    ),
  ]),
)

function recordOf(source: SourceName): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      decisive.get(source) as fc.Arbitrary<Record<string, unknown>>,
      fc.array(fc.tuple(otherKey, fc.oneof(fc.jsonValue(), decoyObject)), { maxLength: 5 }),
    )
    .chain(([keys, extra]) =>
      fc.shuffledSubarray([...Object.entries(keys), ...extra], {
        minLength: Object.keys(keys).length + extra.length,
      }),
    )
    .map((entries) => Object.fromEntries(entries))
}

const rendering = fc.constantFrom(
  (records: unknown[]) => JSON.stringify(records),
  (records: unknown[]) => JSON.stringify(records, null, 2),
  (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n'),
  (records: unknown[]) => `\uFEFF  ${JSON.stringify(records[0])}`,
)

describe('detectSource', () => {
  it('has a record signature for every feed of the registry', () => {
    for (const [name, signature] of signatures) expect(signature?.recordKeys, name).not.toEqual([])
  })

  for (const source of SOURCE_NAMES) {
    test.prop([fc.array(recordOf(source), { minLength: 1, maxLength: 3 }), rendering])(
      `detects ${source} records however they are rendered, whatever else they hold`,
      (records, render) => {
        const detection = detectSource(render(records))
        expect(detection).toMatchObject({ success: true, source })
      },
    )
  }

  test.prop([fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()])(
    'reads a {"data", "error"} envelope as Altcraft history, whatever the error',
    (data, error) => {
      expect(detectSource(JSON.stringify({ data, error, error_text: 'x' }))).toEqual({
        success: true,
        source: 'altcraft-history',
        reason: 'a {"data", "error"} response envelope',
      })
    },
  )

  it('reads a long envelope whose "error" lies beyond the head by its first data record', () => {
    const head = `{"data":[{"xxh":"3f2a","action":"send","count":1,"datetime":"2025-01-01T00:00:00Z","pad":"${'x'.repeat(100)}"},{"xxh"`
    expect(detectSource(head)).toEqual({
      success: true,
      source: 'altcraft-history',
      reason: 'the first record of the "data" array has "action" and "datetime"',
    })
  })

  it('reads a Smaily {code, message} object as Smaily (its error response)', () => {
    expect(
      detectSource('{"code":224,"message":"End date must be after start date"}'),
    ).toMatchObject({
      success: true,
      source: 'smaily-log',
    })
  })

  it('reads XML with an <xml> root as Altcraft history, and names any other root', () => {
    expect(detectSource('<?xml version="1.0"?>\n<!-- export -->\n<xml><data>')).toMatchObject({
      success: true,
      source: 'altcraft-history',
    })
    expect(detectSource('<rss version="2.0">')).toEqual({
      success: false,
      reason: 'an XML document with root <rss>, not the root <xml> of altcraft-history',
    })
  })

  it('reads CSV headers with comma, semicolon or tab delimiters and quoted names', () => {
    expect(detectSource('xxh,email,action,count,datetime\r\n1,a,send,1,2025')).toMatchObject({
      source: 'altcraft-history',
      reason: 'the CSV header has "action" and "datetime"',
    })
    expect(detectSource('"xxh";"action";"datetime"\n')).toMatchObject({
      source: 'altcraft-history',
    })
    expect(detectSource('email\taction\ttime\n')).toMatchObject({ source: 'smaily-log' })
  })

  it('reads an empty JSON array as zero records of no particular feed', () => {
    for (const head of ['[]', ' [ \n ] ', '\uFEFF[]'])
      expect(detectSource(head)).toEqual({
        success: true,
        source: undefined,
        reason: 'an empty JSON array: no records',
      })
  })

  it('recognises the Altcraft error envelope without data', () => {
    expect(detectSource('{"error":401,"error_text":"API token required"}')).toEqual({
      success: true,
      source: 'altcraft-history',
      reason: 'an {"error", "error_text"} response envelope',
    })
  })

  it('explains what it could not tell', () => {
    expect(detectSource(' \n ')).toEqual({ success: false, reason: 'the input is empty' })
    expect(detectSource('[]', 'ndjson')).toEqual({
      success: false,
      reason: 'an empty JSON array names no feed',
    })
    expect(detectSource('[1]')).toEqual({
      success: false,
      reason: 'the first array element is not an object',
    })
    expect(detectSource('{"id":1,"verb":"sent"}')).toEqual({
      success: false,
      reason: 'the first record has none of the known key pairs (it has "id", "verb")',
    })
  })

  it('reads the text as the given format', () => {
    expect(detectSource('hello, world', 'json')).toEqual({
      success: false,
      reason: 'the text does not start like JSON ("hello, world")',
    })
    expect(detectSource('action,datetime', 'xml')).toEqual({
      success: false,
      reason: 'the text does not start like XML ("action,datetime")',
    })
    expect(detectSource('{"action":1,"time":2}', 'csv')).toMatchObject({ success: false })
    expect(detectSource('{"action":1,"time":2}\n', 'ndjson')).toMatchObject({
      success: true,
      source: 'smaily-log',
    })
  })

  it.each([
    ['altcraft-history.json', 'altcraft-history'],
    ['altcraft-history.xml', 'altcraft-history'],
    ['altcraft-history.csv', 'altcraft-history'],
    ['altcraft-hooks-batch.json', 'altcraft-hooks'],
    ['sendgrid-events.json', 'sendgrid-events'],
    ['smaily-cursor-page.json', 'smaily-log'],
  ])('detects the feed of examples/%s', (file, source) => {
    const text = readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')
    expect(detectSource(text)).toMatchObject({ success: true, source })
  })
})
