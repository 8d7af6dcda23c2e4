import { isBlank } from '../helpers/blank-text.js'
import { JsonStreamScanner } from '../helpers/json-stream-scanner.js'
import type { AnyAdapter } from '../model/adapter.js'
import type { ChunkSource } from './normalize-stream.js'

const SNIFF_LIMIT = 1 << 20

/**
 * Reads the head the format is told from (for `adapter`; nothing without one): 1 MiB, or
 * less once it decides. A first line starting with `{` that is longer is read on to its end,
 * so NDJSON with a long first line is told as batch tells it, unless its first value turns
 * out to be an envelope (an element of the adapter's record arrays starts) or the line
 * outgrows `limit`: that is JSON, read element by element with bounded memory.
 */
export async function peek(
  source: ChunkSource,
  adapter: AnyAdapter | undefined,
  limit: number,
): Promise<{ head: string; source: AsyncIterable<string | Uint8Array> }> {
  const iterator = toAsyncIterator(source)
  const taken: (string | Uint8Array)[] = []
  const decoder = new TextDecoder('utf-8', { fatal: false })
  const scanner = adapter === undefined ? undefined : new JsonStreamScanner(adapter.jsonRecordPaths)
  let head = ''
  let envelope = false
  const wanted = () =>
    head.length < SNIFF_LIMIT || (!envelope && !(scanner?.failed ?? true) && head.length <= limit)
  while (scanner !== undefined && !hasDecidableHead(head) && wanted()) {
    const next = await iterator.next()
    if (next.done) break
    taken.push(next.value)
    const text =
      typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true })
    head += text
    envelope ||= scanner.push(text).some(isRecord)
  }
  async function* replay(): AsyncGenerator<string | Uint8Array> {
    yield* taken
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value
    }
  }
  return { head, source: replay() }
}

/** True once the head tells the format as `sniffFormat` tells it from the whole text. */
function hasDecidableHead(head: string): boolean {
  const start = head.search(/\S/)
  if (start === -1) return false
  const newline = head.indexOf('\n', start)
  return head[start] !== '{' || (newline !== -1 && !isBlank(head, newline + 1))
}

function isRecord(item: { readonly kind: string }): boolean {
  return item.kind === 'record'
}

function toAsyncIterator(source: ChunkSource): AsyncIterator<string | Uint8Array> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]()
  const sync = source[Symbol.iterator]()
  return { next: async () => sync.next() }
}
