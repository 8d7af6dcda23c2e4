import fc from 'fast-check'

/** How a text is cut into chunks for a test. */
export interface Chunking {
  /** Strings cut at UTF-16 positions (may split surrogate pairs) or UTF-8 bytes. */
  readonly unit: 'string' | 'bytes'
  /** Cut positions, taken modulo the length (repeats make empty chunks); ignored when `single`. */
  readonly cuts: readonly number[]
  /** One character or byte per chunk. */
  readonly single: boolean
  /** Served by an async generator instead of an array. */
  readonly async: boolean
}

/** Arbitrary chunkings, including one-unit chunks and cuts inside multi-byte characters. */
export const chunkingArbitrary: fc.Arbitrary<Chunking> = fc.record({
  unit: fc.constantFrom('string', 'bytes'),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
  single: fc.boolean(),
  async: fc.boolean(),
})

/** Characters that stress decoding and line splitting: multi-byte, astral, CR, quotes. */
export const trickyCharacter: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'a',
    ' ',
    '\t',
    '\r',
    'é',
    '€',
    '😀',
    '"',
    '\\',
    '\uFEFF',
    '\u2028',
    '\u0001',
    ']',
    '}',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
)

/** `text` (as a string or as its UTF-8 bytes) cut as `chunking` says. */
export function cut(text: string, chunking: Chunking): (string | Uint8Array)[] {
  const whole: string | Uint8Array =
    chunking.unit === 'string' ? text : new TextEncoder().encode(text)
  return cutValue(whole, chunking)
}

/** Cuts bytes as `chunking` says (its unit is ignored). */
export function cutBytes(bytes: Uint8Array, chunking: Chunking): Uint8Array[] {
  return cutValue(bytes, chunking)
}

function cutValue<T extends string | Uint8Array>(whole: T, chunking: Chunking): T[] {
  const length = whole.length
  const points = chunking.single
    ? Array.from({ length }, (_, index) => index)
    : [0, ...chunking.cuts.map((point) => point % (length + 1))].sort((a, b) => a - b)
  return points.map((start, index) => whole.slice(start, points[index + 1] ?? length) as T)
}

/** The chunks as the source type `chunking` asks for. */
export function asSource<T>(chunks: T[], chunking: Chunking): Iterable<T> | AsyncIterable<T> {
  if (!chunking.async) return chunks
  return (async function* () {
    for (const chunk of chunks) {
      await Promise.resolve()
      yield chunk
    }
  })()
}

/** Every item of an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}
