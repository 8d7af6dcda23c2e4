import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import {
  asSource,
  type Chunking,
  chunkingArbitrary,
  collect,
  cut,
  trickyCharacter,
} from '../testing/chunked-source.js'
import { type JsonStreamItem, scanJsonStream } from './json-stream.js'

const whitespace = fc.constantFrom('', ' ', '\n', '\r\n\t ')
const element = fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: trickyCharacter }))
const indent = fc.constantFrom(undefined, 1, '\t')

/** A JSON text with one record array at `path`, and what scanning it must yield. */
interface Shape {
  readonly path: readonly string[]
  readonly text: string
  readonly elements: readonly unknown[]
  readonly elementTexts: readonly string[]
  readonly document: string
}

/** Ways to write a key: plain, or with a JSON escape that unescapes to the same key. */
function writeKey(key: string, style: number): string {
  const plain = JSON.stringify(key)
  if (style === 0 || key.length === 0) return plain
  const code = key.charCodeAt(0).toString(16).padStart(4, '0')
  return `"\\u${style === 1 ? code : code.toUpperCase()}${plain.slice(2)}`
}

const shapeArbitrary: fc.Arbitrary<Shape> = fc
  .record({
    path: fc.constantFrom([], ['data'], ['result', 'items'], ['my key', 'é']),
    elements: fc.array(element, { maxLength: 6 }),
    indent,
    spacing: fc.array(whitespace, { minLength: 4, maxLength: 4 }),
    levels: fc.array(
      fc.record({
        extras: fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), {
          maxLength: 3,
        }),
        position: fc.nat(),
        keyStyle: fc.nat({ max: 2 }),
      }),
      { minLength: 2, maxLength: 2 },
    ),
  })
  .map(({ path, elements, indent, spacing, levels }) => {
    const [open = '', comma = '', before = '', close = ''] = spacing
    const elementTexts = elements.map((value) => JSON.stringify(value, null, indent))
    let text = `[${open}${elementTexts.join(`${before},${comma}`)}${close}]`
    let document = '[]'
    path.forEach((_key, depth) => {
      const level = levels[depth]
      const key = path[path.length - 1 - depth] as string
      const members = (level?.extras ?? [])
        .filter(([name]) => name !== key)
        .filter(([name], index, all) => all.findIndex(([other]) => other === name) === index)
        .map(([name, value]) => `${JSON.stringify(name)}:${comma}${JSON.stringify(value)}`)
      const at = (level?.position ?? 0) % (members.length + 1)
      const own = `${writeKey(key, level?.keyStyle ?? 0)}${before}:${open}`
      const wrap = (inner: string): string =>
        `{${open}${[...members.slice(0, at), own + inner, ...members.slice(at)].join(`,${comma}`)}${close}}`
      text = wrap(text)
      document = wrap(document)
    })
    return { path, text, elements, elementTexts, document }
  })

function source(text: string, chunking: Chunking) {
  return asSource(cut(text, chunking), chunking)
}

function records(items: readonly JsonStreamItem[]): { text: string; locator: string }[] {
  return items.flatMap((item) =>
    item.kind === 'record' ? [{ text: item.text, locator: item.locator }] : [],
  )
}

function locatorOf(path: readonly string[]): string {
  return `$${path.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join('')}`
}

describe('scanJsonStream', () => {
  test.prop([shapeArbitrary, whitespace, whitespace, fc.boolean(), chunkingArbitrary])(
    'yields each record array element, its locator, then the document, for any chunking',
    async (shape, lead, trail, bom, chunking) => {
      const text = `${bom ? '\uFEFF' : ''}${lead}${shape.text}${trail}`
      const items = await collect(scanJsonStream(source(text, chunking), [['other'], shape.path]))
      const found = records(items)
      expect(found.map((item) => item.text)).toEqual(shape.elementTexts)
      expect(found.map((item) => JSON.parse(item.text))).toStrictEqual(
        shape.elements.map((value) => JSON.parse(JSON.stringify(value))),
      )
      expect(found.map((item) => item.locator)).toEqual(
        shape.elements.map((_value, index) => `${locatorOf(shape.path)}[${index}]`),
      )
      expect(items.at(-1)).toEqual({ kind: 'document', text: shape.document })
      expect(items).toHaveLength(shape.elements.length + 1)
    },
  )

  test.prop([shapeArbitrary, chunkingArbitrary])(
    'yields the whole value as the document when no record path matches',
    async (shape, chunking) => {
      const items = await collect(
        scanJsonStream(source(` ${shape.text}\n`, chunking), [['nothing', 'here']]),
      )
      expect(items).toEqual([{ kind: 'document', text: shape.text }])
    },
  )

  test.prop([shapeArbitrary, fc.nat(), chunkingArbitrary])(
    'ends a truncated input with an error after a prefix of the records',
    async (shape, cutAt, chunking) => {
      const length = cutAt % shape.text.length
      const truncated = shape.text.slice(0, length)
      const items = await collect(scanJsonStream(source(truncated, chunking), [shape.path]))
      const last = items.at(-1)
      expect(last?.kind).toBe('error')
      if (last?.kind === 'error') expect(last.offset).toBe(length)
      const found = records(items)
      expect(items).toHaveLength(found.length + 1)
      expect(found.map((item) => item.text)).toEqual(shape.elementTexts.slice(0, found.length))
    },
  )

  test.prop([
    fc.string({
      unit: fc.constantFrom('[', ']', '{', '}', ',', ':', '"', '\\', ' ', '1', 'a', 'é', '😀'),
      maxLength: 24,
    }),
    chunkingArbitrary,
  ])(
    'never throws on arbitrary text, and the chunking does not change the items',
    async (text, chunking) => {
      const whole = await collect(scanJsonStream([text], [[], ['a']]))
      const chunked = await collect(scanJsonStream(source(text, chunking), [[], ['a']]))
      expect(chunked).toEqual(whole)
      const last = whole.at(-1)
      expect(last?.kind === 'document' || last?.kind === 'error').toBe(true)
      expect(whole.filter((item) => item.kind !== 'record')).toHaveLength(1)
      let valid = true
      try {
        JSON.parse(text)
      } catch {
        valid = false
      }
      if (valid) expect(last?.kind).toBe('document')
    },
  )

  it.each([
    ['', 'the input holds no JSON value', 0],
    [' \n\t', 'the input holds no JSON value', 3],
    ['[1,,2]', "expected a value, found ','", 3],
    ['[1,]', "expected a value, found ']'", 3],
    ['[1 2]', "expected ',' or ']', found '2'", 3],
    ['[{"a":1]', "']' does not close '{'", 7],
    ['[[1}]', "'}' does not close '['", 3],
    ['{"data":[1],}', "expected a property name, found '}'", 12],
    ['{"data" [1]}', "expected ':' after a property name, found '['", 8],
    ['{"data":[1]]', "expected ',' or '}', found ']'", 11],
    ['[1]]', "unexpected ']' after the end of the JSON value", 3],
    ['[1] x', "unexpected 'x' after the end of the JSON value", 4],
    ['{"data":[{"a":"]', 'unexpected end of input', 16],
    ['"abc', 'unexpected end of input', 4],
  ])('reports %j as an error: %s at %i', async (text, message, offset) => {
    const items = await collect(scanJsonStream([text], [[], ['data']]))
    expect(items.at(-1)).toEqual({ kind: 'error', message, offset })
  })

  it('compares keys after unescaping and splits escapes and characters across chunks', async () => {
    const text = '{"d\\u0061ta":[{"n":"\\u00e9\\"]"},"€"],"error":0}'
    const euro = text.indexOf('€')
    const tail = new TextEncoder().encode(text.slice(euro))
    const chunks = [
      text.slice(0, 4),
      text.slice(4, 21),
      text.slice(21, euro),
      tail.subarray(0, 2),
      tail.subarray(2),
    ]
    expect(chunks.slice(0, 2).map((chunk) => chunk.at(-1))).toEqual(['\\', '\\'])
    expect(await collect(scanJsonStream(chunks, [['data']]))).toEqual([
      { kind: 'record', text: '{"n":"\\u00e9\\"]"}', locator: '$.data[0]' },
      { kind: 'record', text: '"€"', locator: '$.data[1]' },
      { kind: 'document', text: '{"d\\u0061ta":[],"error":0}' },
    ])
  })

  it('leaves a vendor error envelope whole when its data is not an array', async () => {
    const envelope = '{"data":null,"error":401,"error_text":"API token required"}'
    expect(await collect(scanJsonStream([envelope], [['data']]))).toEqual([
      { kind: 'document', text: envelope },
    ])
    expect(await collect(scanJsonStream(['{"error":400}'], [['data']]))).toEqual([
      { kind: 'document', text: '{"error":400}' },
    ])
  })

  it('streams a top-level scalar or string as the document', async () => {
    expect(await collect(scanJsonStream(['12', '3 '], [[]]))).toEqual([
      { kind: 'document', text: '123' },
    ])
    expect(await collect(scanJsonStream(['"a', '\\', '"b"'], [[]]))).toEqual([
      { kind: 'document', text: '"a\\"b"' },
    ])
  })

  it('does not yield a number cut off by the end of the input', async () => {
    expect(await collect(scanJsonStream(['[1,2', '3'], [[]]))).toEqual([
      { kind: 'record', text: '1', locator: '$[0]' },
      { kind: 'error', message: 'unexpected end of input', offset: 5 },
    ])
  })

  it('ends with an error at invalid UTF-8, after the records before it', async () => {
    const items = await collect(
      scanJsonStream([Uint8Array.from([0x5b, 0x31, 0x2c, 0xc3, 0x28, 0x5d])], [[]]),
    )
    expect(items).toEqual([
      { kind: 'record', text: '1', locator: '$[0]' },
      { kind: 'error', message: 'invalid UTF-8 at byte 3', offset: 3 },
    ])
  })
})
