import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import {
  asSource,
  chunkingArbitrary,
  collect,
  cut,
  trickyCharacter,
} from '../testing/chunked-source.js'
import { scanJsonChunks } from './json-stream-chunks.js'
import { elementLocator, type ScanItem } from './json-stream-scanner.js'
import { parseJsonLossless } from './lossless-json.js'
import { parseRecordText } from './record-text.js'
import { MAX_TEXT_LENGTH } from './text-limit.js'

function readElements(text: string): readonly unknown[] | undefined {
  const parsed = parseJsonLossless(`[${text}]`)
  return parsed.success && Array.isArray(parsed.value) ? parsed.value : undefined
}

/** Each element as its locator and value (a run's one by one); the other items as they are. */
function flatten(steps: readonly ScanItem[][]): unknown[] {
  return steps.flat().flatMap((item): unknown[] => {
    if (item.kind === 'record') return [[item.locator, parseRecordText(item.text)]]
    if (item.kind !== 'run') return [item]
    return item.values.map((value, i) => [elementLocator(item.locator, item.index + i), value])
  })
}

const tricky = fc.string({ unit: fc.oneof(trickyCharacter, fc.constantFrom('},{"id"', '],[')) })
/** Objects that start with the same key as the nested objects they hold, arrays of arrays. */
const element = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        id: fc.oneof(fc.nat(), tricky),
        items: fc.array(fc.record({ id: fc.nat(), s: tricky }, { requiredKeys: [] }), {
          maxLength: 3,
        }),
      },
      { requiredKeys: ['id'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.array(fc.array(fc.oneof(fc.nat(), tricky), { maxLength: 2 }), { maxLength: 3 }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
)
/** Element texts as written: any indentation, or one that is not JSON, or a 64-bit id. */
const elementText = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(element, fc.constantFrom(undefined, 1, '\t')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"id":tru}',
      '{"id":1,}',
      '[1 2]',
      '{"id":"\\x"}',
      '{"id":12345678901234567890,"n":[-98765432109876543210]}',
    ),
  },
)
const document = fc
  .record({
    texts: fc.array(elementText, { maxLength: 20 }),
    separator: fc.constantFrom(',', ', ', ',\n  ', '\n,'),
    envelope: fc.boolean(),
    truncate: fc.option(fc.nat()),
  })
  .map(({ texts, separator, envelope, truncate }) => {
    const written = texts.map((text) =>
      typeof text === 'string' ? text : JSON.stringify(text[0], null, text[1]),
    )
    const array = `[${written.join(separator)}]`
    const whole = envelope ? `{"before":[1],"data":${array},"after":{"id":2}}` : array
    return truncate === null ? whole : whole.slice(0, truncate % (whole.length + 1))
  })

describe('scanJsonChunks', () => {
  test.prop(
    [
      document,
      fc.oneof(fc.constant(undefined), chunkingArbitrary),
      fc.constantFrom(30, 200, MAX_TEXT_LENGTH),
    ],
    { numRuns: 300 },
  )(
    'with a run reader, yields the elements, locators, errors and document of cutting them out',
    async (text, chunking, maxTextLength) => {
      const chunks = chunking === undefined ? [text] : asSource(cut(text, chunking), chunking)
      const again = chunking === undefined ? [text] : asSource(cut(text, chunking), chunking)
      const paths = [[], ['data']]
      const cutOut = await collect(scanJsonChunks(chunks, paths, { maxTextLength }))
      const read = await collect(
        scanJsonChunks(again, paths, { maxTextLength, runReader: readElements }),
      )
      expect(flatten(read)).toEqual(flatten(cutOut))
    },
  )

  it('reads the elements of a chunk in runs, and cuts out those a run cannot hold', async () => {
    const text = JSON.stringify(Array.from({ length: 300 }, (_, id) => ({ id, at: 'x' })))
    const steps = await collect(scanJsonChunks([text], [[]], { runReader: readElements }))
    const items = steps.flat()
    expect(items.filter((item) => item.kind === 'run').length).toBeGreaterThan(0)
    expect(flatten(steps)).toEqual(flatten(await collect(scanJsonChunks([text], [[]]))))
  })

  it('cuts the elements out one by one where a likely boundary is inside an element', async () => {
    const text = '[{"id":1},{"id":2,"items":[{"x":1},{"id":3}]}]'
    const steps = await collect(scanJsonChunks([text], [[]], { runReader: readElements }))
    expect(steps.flat()).toEqual([
      { kind: 'record', text: '{"id":1}', locator: '$[0]' },
      { kind: 'record', text: '{"id":2,"items":[{"x":1},{"id":3}]}', locator: '$[1]' },
      { kind: 'document', text: '[]' },
    ])
  })

  it('reads runs only near the start of a long chunk, so that one push returns few values', async () => {
    const text = JSON.stringify(Array.from({ length: 20_000 }, (_, id) => ({ id })))
    const items = (await collect(scanJsonChunks([text], [[]], { runReader: readElements }))).flat()
    const runs = items.flatMap((item) => (item.kind === 'run' ? item.values : []))
    expect(runs.length).toBeGreaterThan(1000)
    expect(runs.length).toBeLessThan(15_000)
    expect(items.filter((item) => item.kind === 'record').length).toBe(20_000 - runs.length)
  })
})
