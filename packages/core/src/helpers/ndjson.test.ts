import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { UnparseableRecord } from '../model/adapter.js'
import {
  asSource,
  chunkingArbitrary,
  collect,
  cut,
  cutBytes,
  trickyCharacter,
} from '../testing/chunked-source.js'
import { parseJsonLossless } from './lossless-json.js'
import { type LineItem, parseNdjson, readLineChunks, readLines } from './ndjson.js'

const lineEnd = fc.constantFrom('\n', '\r\n')
const blank = fc.stringMatching(/^[ \t\r]{0,3}$/)
const lineText = fc.string({ unit: trickyCharacter, maxLength: 12 })

/** The expected lines of a text: split on LF, one trailing CR dropped, JSON-blank lines skipped. */
function referenceLines(text: string): LineItem[] {
  return text
    .split('\n')
    .map((line, index) => ({ text: line.replace(/\r$/, ''), line: index + 1 }))
    .filter((item) => !/^[ \t\r]*$/.test(item.text))
}

function joinLines(lines: readonly string[], ends: readonly string[], trailing: boolean): string {
  const text = lines.map((line, index) =>
    index === 0 ? line : `${ends[index % ends.length] ?? '\n'}${line}`,
  )
  return text.join('') + (trailing ? (ends[0] ?? '\n') : '')
}

describe('parseNdjson', () => {
  test.prop([
    fc.array(
      fc.oneof(
        fc.jsonValue().map((value) => JSON.stringify(value)),
        blank,
        lineText,
      ),
      {
        maxLength: 8,
      },
    ),
    fc.array(lineEnd, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  ])('parses each non-blank line in its place, with its line number', (lines, ends, trailing) => {
    const text = joinLines(lines, ends, trailing)
    const expected = referenceLines(text)
    const result = parseNdjson(text)
    expect(result.lines).toEqual(expected.map((item) => item.line))
    expect(result.records).toHaveLength(expected.length)
    expected.forEach((item, index) => {
      const parsed = parseJsonLossless('text' in item ? item.text : '')
      const record = result.records[index]
      if (parsed.success) expect(record).toStrictEqual(parsed.value)
      else
        expect(record).toEqual(
          new UnparseableRecord('text' in item ? item.text : '', parsed.message),
        )
    })
  })

  it('keeps 64-bit integers, skips blank lines and keeps bad lines as unparseable records', () => {
    const result = parseNdjson('{"seq_id":18014398509481985}\r\n\r\n  \nnot json\n[1]\n')
    expect(result.lines).toEqual([1, 4, 5])
    expect(result.records[0]).toEqual({ seq_id: '18014398509481985' })
    expect(result.records[1]).toBeInstanceOf(UnparseableRecord)
    expect(result.records[1]).toMatchObject({ text: 'not json' })
    expect(result.records[2]).toEqual([1])
  })

  it('treats a no-break space line as content, not as blank', () => {
    const result = parseNdjson('{}\n\u00a0\n')
    expect(result.lines).toEqual([1, 2])
    expect(result.records[1]).toBeInstanceOf(UnparseableRecord)
  })

  it('reads an empty text as no records', () => {
    expect(parseNdjson('')).toEqual({ records: [], lines: [] })
  })
})

describe('readLines', () => {
  test.prop([
    fc.array(fc.oneof(lineText, blank), { maxLength: 8 }),
    fc.array(lineEnd, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
    fc.boolean(),
    chunkingArbitrary,
  ])('yields the non-blank lines of any chunking', async (lines, ends, trailing, bom, chunking) => {
    const text = (bom ? '\uFEFF' : '') + joinLines(lines, ends, trailing)
    const items = await collect(readLines(asSource(cut(text, chunking), chunking)))
    expect(items).toEqual(referenceLines(text.replace(/^\uFEFF/, '')))
  })

  test.prop([
    fc.array(lineText, { maxLength: 6 }),
    fc.constantFrom([0xff], [0xc3, 0x41], [0xe2, 0x82]),
    fc.array(lineText, { maxLength: 3 }),
    chunkingArbitrary,
  ])(
    'yields the complete lines before invalid UTF-8, then one error',
    async (before, bad, after, chunking) => {
      const head = before.join('\n')
      const prefix = new TextEncoder().encode(head)
      const bytes = Uint8Array.from([
        ...prefix,
        ...bad,
        ...new TextEncoder().encode(after.join('\n')),
      ])
      const items = await collect(readLines(asSource(cutBytes(bytes, chunking), chunking)))
      const complete = referenceLines(
        head.slice(0, head.lastIndexOf('\n') + 1).replace(/^\uFEFF/, ''),
      )
      const errorLine = head.split('\n').length
      expect(items).toEqual([
        ...complete,
        { error: `invalid UTF-8 at byte ${prefix.length}`, line: errorLine },
      ])
    },
  )

  it('joins a CRLF split between chunks and a character split between byte chunks', async () => {
    const euro = new TextEncoder().encode('€')
    const items = await collect(
      readLines(['a\r', '\nb', Uint8Array.from([0x0a, euro[0] as number]), euro.subarray(1), '\r']),
    )
    expect(items).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: '€', line: 3 },
    ])
  })

  it('reads an empty source as no lines', async () => {
    expect(await collect(readLines([]))).toEqual([])
  })
})

describe('readLineChunks', () => {
  it('yields the lines each chunk completes as one array, skipping chunks that complete none', async () => {
    const chunks = await collect(
      readLineChunks(['{"a":1}\n{"b"', ':2}\n\n{"c":3}\n', '{"d"', ':4}']),
    )
    expect(chunks).toEqual([
      [{ text: '{"a":1}', line: 1 }],
      [
        { text: '{"b":2}', line: 2 },
        { text: '{"c":3}', line: 4 },
      ],
      [{ text: '{"d":4}', line: 5 }],
    ])
  })
})
