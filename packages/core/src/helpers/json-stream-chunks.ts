import { JsonStreamScanner, type RunReader, type ScanItem } from './json-stream-scanner.js'
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js'

/**
 * `scanJsonStream`, yielding the items of each chunk as one array (never empty), so that a
 * caller pays one asynchronous step per chunk rather than one per element. With `runReader`,
 * runs of elements come parsed (see {@link JsonStreamScanner}).
 */
export async function* scanJsonChunks(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  recordPaths: readonly (readonly string[])[],
  options: { readonly maxTextLength?: number; readonly runReader?: RunReader } = {},
): AsyncGenerator<ScanItem[]> {
  const decoder = new Utf8ChunkDecoder()
  const scanner = new JsonStreamScanner(recordPaths, options.maxTextLength, options.runReader)
  for await (const chunk of source) {
    const decoded = decoder.push(chunk)
    const items = scanner.push(decoded.text)
    if (items.length > 0) yield items
    if (scanner.failed) return
    if (decoded.error !== undefined) {
      yield [{ kind: 'error', message: decoded.error.message, offset: scanner.offset }]
      return
    }
  }
  const ended = decoder.end()
  if (ended.error !== undefined) {
    yield [{ kind: 'error', message: ended.error.message, offset: scanner.offset }]
    return
  }
  yield scanner.end()
}
