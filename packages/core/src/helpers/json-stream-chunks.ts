import type { JsonStreamItem } from './json-stream.js'
import { JsonStreamScanner, type RunReader, type ScanItem } from './json-stream-scanner.js'
import { decodeChunks } from './utf8-chunk-decoder.js'

type ChunkSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>

/**
 * `scanJsonStream`, yielding the items of each chunk as one array (never empty), so that a
 * caller pays one asynchronous step per chunk rather than one per element. With `runReader`,
 * runs of elements come parsed (see {@link JsonStreamScanner}).
 */
export function scanJsonChunks(
  source: ChunkSource,
  recordPaths: readonly (readonly string[])[],
  options?: { readonly maxTextLength?: number },
): AsyncGenerator<JsonStreamItem[]>
export function scanJsonChunks(
  source: ChunkSource,
  recordPaths: readonly (readonly string[])[],
  options: { readonly maxTextLength?: number; readonly runReader: RunReader },
): AsyncGenerator<ScanItem[]>
export async function* scanJsonChunks(
  source: ChunkSource,
  recordPaths: readonly (readonly string[])[],
  options: { readonly maxTextLength?: number; readonly runReader?: RunReader } = {},
): AsyncGenerator<ScanItem[]> {
  const scanner = new JsonStreamScanner(recordPaths, options.maxTextLength, options.runReader)
  for await (const decoded of decodeChunks(source)) {
    const items = scanner.push(decoded.text)
    if (items.length > 0) yield items
    if (scanner.failed) return
    if (decoded.error !== undefined) {
      yield [{ kind: 'error', message: decoded.error.message, offset: scanner.offset }]
      return
    }
  }
  yield scanner.end()
}
