import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  type CanonicalEvent,
  createNormalizeTransform,
  normalize,
  normalizeStream,
  UnreadableInputError,
  VendorErrorEnvelopeError,
} from '@evnorm/core'
import { eventId, parseJsonLossless } from '@evnorm/core/adapter'
import { describe, expect, it } from 'vitest'
import { createSmailyLogAdapter, smailyLogAdapter } from './smaily-adapter.js'

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
}

function expected(name: string): CanonicalEvent[] {
  return JSON.parse(fixture(`${name}.expected.json`))
}

function events(input: unknown, adapter = smailyLogAdapter): readonly CanonicalEvent[] {
  const result = normalize(adapter, input)
  if (!result.success) throw result.error
  expect(result.rejections).toEqual([])
  return result.events
}

const GOLDEN = [
  'vendor-example-1',
  'vendor-example-2',
  'constructed-rows',
  'dst-window',
  'dst-seq-evidence',
] as const

describe('golden fixtures', () => {
  for (const name of GOLDEN) {
    it(`${name}.json gives ${name}.expected.json`, () => {
      expect(events(fixture(`${name}.json`))).toEqual(expected(name))
    })
  }

  it('keeps seq_id 9007199254740993 and 18446744073709551615 exact from text and bytes', () => {
    const text = fixture('constructed-rows.json')
    for (const input of [text, new TextEncoder().encode(text)]) {
      const ids = events(input).map((event) => event.source.recordId)
      expect(ids[0]).toBe('9007199254740993')
      expect(ids.at(-1)).toBe('18446744073709551615')
    }
  })

  it('reads the same rows as NDJSON, located by line', () => {
    const rows = fixture('vendor-example-2.json')
    const ndjson = `${(JSON.parse(rows) as unknown[]).map((row) => JSON.stringify(row)).join('\n')}\n`
    const result = normalize(smailyLogAdapter, ndjson)
    expect(result.success && result.format).toBe('ndjson')
    expect(result.success && result.events).toEqual(expected('vendor-example-2'))
    const broken = normalize(smailyLogAdapter, `${ndjson}{"seq_id":14,"email":"x@y.z"}\n`)
    expect(
      broken.success &&
        broken.rejections.map(({ locator, reason, path }) => ({ locator, reason, path })),
    ).toEqual([{ locator: 'line 4', reason: 'missing_field', path: ['action'] }])
  })

  it('reads already-parsed rows the same as text', () => {
    expect(events(JSON.parse(fixture('vendor-example-1.json')))).toEqual(
      expected('vendor-example-1'),
    )
  })
})

describe('parse', () => {
  it('turns a Smaily error object into a VendorErrorEnvelopeError naming the code', () => {
    for (const input of [
      fixture('error-object.json'),
      { code: 224, message: 'End date is before start date' },
    ]) {
      const result = normalize(smailyLogAdapter, input)
      expect(result.success).toBe(false)
      if (result.success) continue
      expect(VendorErrorEnvelopeError.isInstance(result.error)).toBe(true)
      const error = result.error as VendorErrorEnvelopeError
      expect(error.code).toBe('224')
      expect(error.vendorMessage).toBe('End date is before start date')
      expect(error.feed).toBe('smaily.history')
      expect(error.message).toContain('224')
    }
  })

  it("does not call Smaily's OK code 101 an error, nor read it as rows", () => {
    for (const input of ['{"code":101,"message":"OK"}', { code: '101' }]) {
      const result = normalize(smailyLogAdapter, input)
      expect(!result.success && UnreadableInputError.isInstance(result.error)).toBe(true)
      expect(!result.success && result.error.message).toMatch(
        /: got Smaily's code 101 \(OK\) object, which holds no rows; history\.php answers rows as a JSON array$/,
      )
      expect(!result.success && result.error.message).not.toMatch(/error/)
    }
  })

  it('accepts an error object with a code and no message', () => {
    const result = normalize(smailyLogAdapter, '{"code":"rate_limited"}')
    expect(!result.success && (result.error as VendorErrorEnvelopeError).code).toBe('rate_limited')
  })

  it('reads [] as a successful answer with no records', () => {
    const result = normalize(smailyLogAdapter, fixture('empty-array.json'))
    expect(result.success).toBe(true)
    expect(result.success && result.counts).toEqual({
      records: 0,
      accepted: 0,
      rejected: 0,
      events: 0,
      byType: {},
    })
  })

  it('reads one row object as one record located at $', () => {
    const row =
      '{"seq_id":7,"email":"a@b.ee","time":"2025-01-01 10:00:00","campaign_id":null,"campaign_name":null,"action":"send","value":""}'
    const result = normalize(smailyLogAdapter, row)
    expect(result.success && result.events.map((event) => event.source.recordId)).toEqual(['7'])
    const bad = normalize(smailyLogAdapter, '{"seq_id":7,"email":"a@b.ee","action":"send"}')
    expect(
      bad.success && bad.rejections.map(({ locator, reason }) => ({ locator, reason })),
    ).toEqual([{ locator: '$', reason: 'missing_field' }])
  })

  it.each([
    [
      'an object with neither rows nor code',
      '{"status":"ok","rows":[]}',
      {},
      /got an object with keys "status", "rows"/,
    ],
    [
      'a parsed number',
      42,
      {},
      /cannot read the input as value: expected an array of Smaily rows .*, got a number \(42\)$/,
    ],
    ['a parsed null', null, {}, /got null$/],
    ['a JSON string', '"rows"', { format: 'json' }, /as json: .*got a string \('rows'\)$/],
    ['scalar text of no known format', '42', {}, /cannot tell its format/],
    ['truncated JSON', '[{"seq_id":1,', {}, /as json/],
    ['empty text', '   ', {}, /empty/],
    ['XML', '<xml/>', {}, /reads json, ndjson, not xml/],
  ] as const)('returns an UnreadableInputError for %s', (_, input, options, reason) => {
    const result = normalize(smailyLogAdapter, input, options)
    expect(result.success).toBe(false)
    if (result.success) return
    expect(UnreadableInputError.isInstance(result.error)).toBe(true)
    expect(result.error.message).toMatch(reason)
  })

  it('locates rows of a JSON array as $[i]', () => {
    const result = normalize(smailyLogAdapter, '[{"action":"send"}, 5]')
    expect(result.success && result.rejections.map((rejection) => rejection.locator)).toEqual([
      '$[0]',
      '$[1]',
    ])
  })
})

describe('several pages', () => {
  const row = (seq: string, action = 'send') =>
    `{"seq_id":${seq},"email":"a@b.ee","time":"2025-01-01 10:00:00","action":"${action}","value":""}`
  const first = `[${row('18446744073709551614')},${row('9007199254740993')}]`
  const second = `[${row('18446744073709551615')},${row('4', '')}]`

  /** The rows of `first` and `second` in order, ids exact, the blank-action row rejected at `locator`. */
  function expectBothPagesRead(input: unknown, locator: string) {
    const result = normalize(smailyLogAdapter, input)
    if (!result.success) throw result.error
    expect(result.events.map((event) => event.source.recordId)).toEqual([
      '18446744073709551614',
      '9007199254740993',
      '18446744073709551615',
    ])
    expect(result.rejections.map(({ locator, reason }) => ({ locator, reason }))).toEqual([
      { locator, reason: 'missing_field' },
    ])
    return result
  }

  it.each([
    ['concatenated', `${first}${second}`],
    ['one per line', `${first}\n${second}\n`],
    ['with whitespace around', `\n ${first} \r\n\t${second}  `],
  ])('reads pages %s, in order, ids exact, located by page', (_, text) => {
    for (const input of [text, new TextEncoder().encode(text)]) {
      expect(expectBothPagesRead(input, 'page 2 $[1]').format).toBe('json')
    }
  })

  it('reads an already-parsed array of pages, and a JSON array of pages', () => {
    const page = (text: string) => (parseJsonLossless(text) as { value: unknown[] }).value
    for (const input of [[page(first), [], page(second)], `[${first},[],${second}]`]) {
      expectBothPagesRead(input, 'page 3 $[1]')
    }
  })

  it('names the page that is not JSON, and keeps other trailing text unreadable', () => {
    const broken = normalize(smailyLogAdapter, `${first}\n[{"seq_id":1,]`)
    expect(!broken.success && broken.error.message).toMatch(
      /^smaily\.history: cannot read the input as json at line 2, column \d+: page 2: /,
    )
    for (const text of [`${first}{"code":224}`, `${first} x`, `${first}[`, `${first}]`]) {
      const result = normalize(smailyLogAdapter, text)
      expect(!result.success && UnreadableInputError.isInstance(result.error)).toBe(true)
    }
    const unterminated = normalize(smailyLogAdapter, `${first}["a]"`)
    expect(!unterminated.success && unterminated.error.message).toMatch(/as json/)
  })

  it('are read by a stream only one page per stream, as the README says', async () => {
    const items: unknown[] = []
    for await (const item of normalizeStream(smailyLogAdapter, [`${first}\n${second}`])) {
      items.push(item.success ? item.events.length : UnreadableInputError.isInstance(item.error))
    }
    expect(items).toEqual([2, true])
  })

  it('is not fooled by brackets inside strings', () => {
    const tricky = `[{"email":"a@b.ee","time":"2025-01-01 10:00:00","action":"x","value":"]\\"["}]`
    const result = normalize(smailyLogAdapter, `${tricky}${tricky}`)
    if (!result.success) throw result.error
    expect(result.events.map((event) => event.extra?.value)).toEqual([']"[', ']"['])
  })
})

describe('streaming', () => {
  it('streams a JSON array in batches with the same events as the batch API', async () => {
    const text = fixture('constructed-rows.json')
    const chunks = text.match(/[\s\S]{1,37}/g) ?? []
    const streamed: CanonicalEvent[] = []
    for await (const item of normalizeStream(smailyLogAdapter, chunks, { batchSize: 4 })) {
      if (!item.success) throw item.error
      streamed.push(...item.events)
    }
    expect(streamed).toEqual(expected('constructed-rows'))
  })

  it('ends a stream of an error object with the typed error', async () => {
    const items = []
    for await (const item of normalizeStream(smailyLogAdapter, [fixture('error-object.json')]))
      items.push(item)
    expect(items).toHaveLength(1)
    expect(items[0]?.success === false && VendorErrorEnvelopeError.isInstance(items[0].error)).toBe(
      true,
    )
  })

  it('pipes bytes through the Node transform', async () => {
    const out: CanonicalEvent[] = []
    await pipeline(
      Readable.from([Buffer.from(fixture('vendor-example-2.json'))]),
      createNormalizeTransform(smailyLogAdapter),
      async (source: AsyncIterable<CanonicalEvent>) => {
        for await (const event of source) out.push(event)
      },
    )
    expect(out).toEqual(expected('vendor-example-2'))
  })
})

describe('identical rows without seq_id', () => {
  const row = {
    email: 'mari@example.ee',
    time: '2025-01-15 09:06:02',
    campaign_id: 77,
    campaign_name: 'Talv',
    action: 'click',
    value: 'https://shop.example.ee/',
  }

  it('are two actions: the second gets occurrence 2 and its own id, deterministically', () => {
    const first = events([row, row])
    const contentId = eventId('smaily.history', [
      'mari@example.ee',
      '2025-01-15T07:06:02.000000000Z',
      'click',
      '77',
      'https://shop.example.ee/',
    ])
    expect(first[0]?.id).toBe(contentId)
    expect(first[0]?.source.occurrence).toBeUndefined()
    expect(first[1]?.source.occurrence).toBe(2)
    expect(first[1]?.id).not.toBe(contentId)
    expect(events([row, row])).toEqual(first)
  })

  it('stay distinct across stream batches', async () => {
    const ids: string[] = []
    for await (const item of normalizeStream(smailyLogAdapter, [JSON.stringify([row, row, row])], {
      batchSize: 1,
    })) {
      if (!item.success) throw item.error
      ids.push(...item.events.map((event) => event.id))
    }
    expect(new Set(ids).size).toBe(3)
    expect(ids).toEqual(events([row, row, row]).map((event) => event.id))
  })
})

describe('options', () => {
  const dst = (time: string, extra: object = {}) => ({
    email: 'a@b.ee',
    time,
    campaign_id: null,
    campaign_name: null,
    action: 'send',
    value: '',
    ...extra,
  })

  it('reads times in another zone', () => {
    const adapter = createSmailyLogAdapter({ timeZone: 'Asia/Kolkata' })
    expect(events([dst('2025-01-15 09:00:00')], adapter)[0]?.occurredAt).toBe(
      '2025-01-15T03:30:00.000000000Z',
    )
    expect(events([dst('2025-01-15 09:00:00')], adapter)[0]?.source.time.zone).toBe('Asia/Kolkata')
  })

  it('stores the zone with its letter case corrected', () => {
    for (const timeZone of ['europe/tallinn', 'EUROPE/TALLINN']) {
      const adapter = createSmailyLogAdapter({ timeZone })
      expect(events([dst('2025-01-15 09:00:00')], adapter)[0]?.source.time).toEqual({
        raw: '2025-01-15 09:00:00',
        zone: 'Europe/Tallinn',
      })
    }
    const strict = createSmailyLogAdapter({
      timeZone: 'europe/tallinn',
      timePolicy: { ambiguous: 'reject' },
    })
    const result = normalize(strict, [dst('2025-10-26 03:30:00')])
    expect(result.success && result.rejections[0]?.message).toContain(
      'occurs twice in Europe/Tallinn',
    )
  })

  it('takes the later instant of a repeated hour under ambiguous: later', () => {
    const adapter = createSmailyLogAdapter({ timePolicy: { ambiguous: 'later' } })
    const [event] = events([dst('2025-10-26 03:30:00')], adapter)
    expect(event?.occurredAt).toBe('2025-10-26T01:30:00.000000000Z')
    expect(event?.source.time).toEqual({
      raw: '2025-10-26 03:30:00',
      zone: 'Europe/Tallinn',
      dst: 'repeated',
      resolution: 'later',
    })
  })

  it('rejects DST rows under reject policies, but keeps repeated rows the seq_id evidence settles', () => {
    const adapter = createSmailyLogAdapter({
      timePolicy: { ambiguous: 'reject', nonexistent: 'reject' },
    })
    const result = normalize(adapter, [
      dst('2025-03-30 03:30:00'),
      dst('2025-10-26 03:30:00'),
      dst('2025-10-26 04:00:00', { seq_id: 1 }),
      dst('2025-10-26 03:55:00', { seq_id: 2 }),
    ])
    expect(
      result.success &&
        result.rejections.map(({ index, reason, path }) => ({ index, reason, path })),
    ).toEqual([
      { index: 0, reason: 'nonexistent_time', path: ['time'] },
      { index: 1, reason: 'ambiguous_time', path: ['time'] },
    ])
    expect(result.success && result.rejections[1]?.message).toBe(
      "time '2025-10-26 03:30:00' occurs twice in Europe/Tallinn (the clocks were set back over it), timePolicy.ambiguous is 'reject' and no seq_id evidence settled it",
    )
    expect(result.success && result.events[1]?.source.time).toEqual({
      raw: '2025-10-26 03:55:00',
      zone: 'Europe/Tallinn',
      dst: 'repeated',
      resolution: 'inferred_later',
    })
  })

  it('does not use seq_id evidence with inferFromSeqId: false', () => {
    const adapter = createSmailyLogAdapter({ inferFromSeqId: false })
    expect(adapter.analyzeBatch).toBeUndefined()
    const rows = JSON.parse(fixture('dst-seq-evidence.json'))
    expect(events(rows, adapter).map((event) => event.source.time.resolution)).toEqual([
      undefined,
      'earlier',
      'earlier',
      'earlier',
      'earlier',
      undefined,
      undefined,
    ])
  })

  it.each([
    [{ timeZone: 'Mars/Olympus' }, /not a valid IANA time zone/],
    [{ timePolicy: { ambiguous: 'first' } }, /policy.ambiguous/],
    [{ seqIdMarginSeconds: -1 }, /seqIdMarginSeconds/],
    [{ seqIdMarginSeconds: Number.NaN }, /seqIdMarginSeconds/],
  ])('throws a TypeError on misuse: %j', (options, message) => {
    expect(() => createSmailyLogAdapter(options as never)).toThrow(message)
  })
})

describe('includeRaw', () => {
  it('attaches the row to its event only when asked', () => {
    const rows = JSON.parse(fixture('vendor-example-2.json')) as unknown[]
    const result = normalize(smailyLogAdapter, rows, { includeRaw: true })
    expect(result.success && result.events.map((event) => event.raw)).toEqual(rows)
    expect(events(rows).every((event) => !('raw' in event))).toBe(true)
  })
})
