import { readFileSync } from 'node:fs'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { type AnyAdapter, type ChunkSource, normalizeStream } from '@evnorm/core'
import {
  type EncodedItem,
  NormalizePool,
  normalizeInParallel,
  normalizeWhole,
} from '@evnorm/core/parallel'
import { smailyLogAdapter } from '@evnorm/smaily-log'
import { describe, expect, it } from 'vitest'
import { SOURCES } from './sources.js'

/**
 * The parallel run against the single-thread stream on inputs of several pieces (a piece is
 * about 64 KB): one output, byte for byte, whatever the workers.
 */

const TALLINN = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Tallinn',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/**
 * Smaily rows every 2 s across the night clocks fell back in Tallinn (the repeated hour's
 * evidence spans many pieces), with repeated rows without `seq_id` (content ids, numbered
 * across pieces), blank and CRLF lines, lines that are not JSON, and rows that are rejected.
 */
function smailyLines(count: number): string {
  const start = Date.UTC(2025, 9, 25, 20, 0, 0)
  const lines: string[] = []
  for (let index = 0; index < count; index++) {
    const time = TALLINN.format(new Date(start + index * 2000))
    const seq = `"seq_id":${18014398509481985n + BigInt(index)},`
    const action = ['send', 'view', 'click', 'optin'][index % 4]
    const row = `"email":"user${index % 300}@example.ee","time":"${time}","campaign_id":${300 + (index % 7)},"campaign_name":"Weekly ${index % 7}","action":"${action}","value":""}`
    if (index % 97 === 0) {
      const repeated = `{"email":"same${index % 3}@example.ee","time":"2025-10-26 12:00:00","campaign_id":1,"campaign_name":"Repeat","action":"view","value":"Android 14; Gmail"}`
      lines.push(repeated, repeated)
    }
    if (index % 211 === 0) lines.push('{"seq_id": 1, "time": "not a time"}')
    if (index % 307 === 0) lines.push('{not json')
    if (index % 401 === 0) lines.push('', '   ')
    lines.push(index % 113 === 0 ? `{${seq}${row}\r` : `{${seq}${row}`)
  }
  return `${lines.join('\n')}\n`
}

const HOOK_EXAMPLES = JSON.parse(
  readFileSync(new URL('../../../examples/altcraft-hooks-batch.json', import.meta.url), 'utf8'),
) as Record<string, unknown>[]

/** Altcraft hook messages (the examples' shapes, at other times) as one JSON array. */
function hookArray(count: number): string {
  const messages: string[] = []
  for (let index = 0; index < count; index++) {
    const example = HOOK_EXAMPLES[index % HOOK_EXAMPLES.length]
    const second = String(index % 60).padStart(2, '0')
    const at = `2025-06-0${1 + (index % 9)}T12:${String(index % 59).padStart(2, '0')}:${second}.5Z`
    messages.push(JSON.stringify({ ...example, event_date: at }))
  }
  return `[${messages.join(',\n')}]`
}

/** The input as byte chunks of `size`, cut inside characters and lines. */
function* chunks(text: string | Buffer, size = 65_521): Generator<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

async function single(adapter: AnyAdapter, source: ChunkSource, options = {}) {
  let events = ''
  const rejections: unknown[] = []
  let failure: string | undefined
  for await (const item of normalizeStream(adapter, source, options)) {
    if (!item.success) {
      failure = item.error.message
      continue
    }
    for (const event of item.events) events += `${JSON.stringify(event)}\n`
    rejections.push(...item.rejections)
  }
  return { events, rejections, failure }
}

const UTF8 = new TextDecoder()

async function parallel(
  name: keyof typeof SOURCES,
  source: ChunkSource,
  workers: number,
  options = {},
) {
  let events = ''
  const rejections: unknown[] = []
  let failure: string | undefined
  let records = 0
  const items: AsyncIterable<EncodedItem> = normalizeInParallel(SOURCES[name].reference, source, {
    ...options,
    workers,
  })
  for await (const item of items) {
    if (!item.success) {
      failure = item.error.message
      continue
    }
    events += UTF8.decode(item.events)
    records += item.counts.records
    rejections.push(...item.rejections)
  }
  return { events, rejections, failure, records }
}

describe('normalizeInParallel', () => {
  const smaily = smailyLines(30_000)

  it('gives the single-thread output for Smaily NDJSON across a fall-back night, for 1, 2 and 3 workers', async () => {
    const expected = await single(smailyLogAdapter, chunks(smaily))
    expect(expected.events.length).toBeGreaterThan(4 * 256 * 1024)
    expect(expected.events).toContain('"occurrence":3')
    expect(expected.events).toContain('"resolution":"inferred_')
    expect(expected.rejections.length).toBeGreaterThan(200)
    for (const workers of [1, 2, 3]) {
      const got = await parallel('smaily-log', chunks(smaily), workers)
      expect(got.events === expected.events, `${workers} workers`).toBe(true)
      expect(got.rejections).toEqual(expected.rejections)
      expect(got.failure).toBeUndefined()
    }
  }, 120_000)

  it('continues evidence spans across pieces of a few lines, on 2 and 4 threads', async () => {
    const text = smailyLines(12_000)
    const expected = await single(smailyLogAdapter, chunks(text))
    expect(expected.events).toContain('"resolution":"inferred_')
    for (const workers of [2, 4]) {
      const got = await parallel('smaily-log', chunks(text, 997), workers, { pieceSize: 2000 })
      expect(got.events === expected.events, `${workers} workers`).toBe(true)
      expect(got.rejections).toEqual(expected.rejections)
    }
  }, 120_000)

  it('gives the single-thread output for a JSON array of hook messages, with raw records and privacy', async () => {
    const text = hookArray(12_000)
    const options = { includeRaw: true, privacy: { actions: { email: 'drop' as const } } }
    const expected = await single(altcraftHooksAdapter, chunks(text), options)
    expect(expected.events.length).toBeGreaterThan(4 * 256 * 1024)
    const got = await parallel('altcraft-hooks', chunks(text), 2, options)
    expect(got.events === expected.events).toBe(true)
    expect(got.records).toBe(12_000)
  }, 120_000)

  it('ends where the single-thread stream ends: invalid UTF-8, a line too long, a truncated array', async () => {
    const cut = Buffer.from(smaily).subarray(0, 2_000_000)
    const invalid = Buffer.concat([cut, Buffer.from([0xff, 0x0a]), Buffer.from(smaily)])
    const long = `${smaily.slice(0, 1_500_000)}{"x":"${'y'.repeat(300_000)}"}\n${smaily.slice(1_500_000)}`
    const truncated = hookArray(3000).slice(0, -40)
    const cases: [keyof typeof SOURCES, AnyAdapter, () => Iterable<Uint8Array>, object][] = [
      ['smaily-log', smailyLogAdapter, () => chunks(invalid), {}],
      ['smaily-log', smailyLogAdapter, () => [invalid], {}],
      ['smaily-log', smailyLogAdapter, () => chunks(long), { maxTextLength: 200_000 }],
      ['smaily-log', smailyLogAdapter, () => [Buffer.from(long)], { maxTextLength: 200_000 }],
      ['altcraft-hooks', altcraftHooksAdapter, () => chunks(truncated), {}],
    ]
    for (const [name, adapter, source, options] of cases) {
      const expected = await single(adapter, source(), options)
      const got = await parallel(name, source(), 2, options)
      expect(expected.failure).toBeDefined()
      expect(got.failure).toBe(expected.failure)
      expect(got.events === expected.events).toBe(true)
      expect(got.rejections).toEqual(expected.rejections)
    }
  }, 120_000)
})

describe('normalizeWhole', () => {
  it('gives the batch of the parallel run for a whole clean input, and undefined otherwise', async () => {
    const pool = new NormalizePool(2)
    try {
      const hooks = hookArray(3000)
      const smaily = smailyLines(3000)
      for (const [name, text, format] of [
        ['altcraft-hooks', hooks, 'json'],
        ['smaily-log', smaily, 'ndjson'],
      ] as const) {
        const expected = await parallel(name, chunks(text), 1)
        const whole = await normalizeWhole(SOURCES[name].reference, Buffer.from(text), format, pool)
        expect(whole === undefined ? undefined : UTF8.decode(whole.events)).toBe(expected.events)
        expect(whole?.rejections).toEqual(expected.rejections)
      }
      const unclean: [keyof typeof SOURCES, Uint8Array, 'json' | 'ndjson', object][] = [
        ['altcraft-hooks', Buffer.from(hooks.slice(0, -40)), 'json', {}],
        ['altcraft-hooks', Buffer.from('[]'), 'json', {}],
        ['smaily-log', Buffer.concat([Buffer.from(smaily), Buffer.from([0xff])]), 'ndjson', {}],
        ['smaily-log', Buffer.from(smaily), 'ndjson', { maxTextLength: 100 }],
      ]
      for (const [name, bytes, format, options] of unclean) {
        expect(await normalizeWhole(SOURCES[name].reference, bytes, format, pool, options)).toBe(
          undefined,
        )
      }
    } finally {
      await pool.close()
    }
  }, 60_000)
})
