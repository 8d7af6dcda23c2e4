import { Duplex } from 'node:stream'
import type { AnyAdapter } from '../model/adapter.js'
import type { Rejection } from '../model/outcome.js'
import { normalizeStream, type StreamOptions } from './normalize-stream.js'

/**
 * A Node duplex for `stream.pipeline`: write the input's bytes or strings, read canonical
 * events (object mode), in input order. Each rejection is emitted as a `'rejection'` event
 * with the {@link Rejection}; a vendor error envelope or an unreadable input destroys the
 * stream with that typed error, so `pipeline` rejects with it.
 */
export function createNormalizeTransform(adapter: AnyAdapter, options: StreamOptions = {}): Duplex {
  const duplex: Duplex = Duplex.from(async function* (source: AsyncIterable<string | Uint8Array>) {
    for await (const item of normalizeStream(adapter, source, options)) {
      if (!item.success) throw item.error
      for (const rejection of item.rejections)
        duplex.emit('rejection', rejection satisfies Rejection)
      yield* item.events
    }
  })
  return duplex
}
