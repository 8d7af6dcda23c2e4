import { scanJsonChunks } from './json-stream-chunks.js'

/** One item of {@link scanJsonStream}. */
export type JsonStreamItem =
  | {
      readonly kind: 'record'
      /** The element's JSON text, to be parsed by the caller. */
      readonly text: string
      /** Where the element sits, e.g. `$[3]` or `$.data[3]`. */
      readonly locator: string
    }
  | {
      readonly kind: 'document'
      /**
       * Last item: the top-level value with each streamed record array emptied (e.g.
       * `{"data":[],"error":0,"error_text":"ok"}`), or the whole value when no record path
       * matched.
       */
      readonly text: string
    }
  | {
      readonly kind: 'error'
      /** What is wrong: a structural error, invalid UTF-8, an empty or truncated input. */
      readonly message: string
      /** Character offset of the problem (the end of the input when it is truncated). */
      readonly offset: number
    }

/**
 * Splits a chunked JSON text (strings or UTF-8 bytes, sync or async iterable) into the
 * elements of its record arrays, without ever holding the whole text: memory stays bounded
 * by the largest element plus the envelope around the arrays. `recordPaths` are object-key
 * paths to the record arrays: `[]` is the top-level value itself, `['data']` the `data`
 * member of a top-level object (keys compared after JSON unescaping). Only the structure is
 * checked (element texts are for the caller to parse); a structural error, invalid UTF-8, an
 * empty or a truncated input yields an `error` item, and nothing follows it, as does an
 * element (or the document around the arrays) longer than `maxTextLength` characters (default
 * `MAX_TEXT_LENGTH`, the longest string V8 holds). A leading BOM is dropped. Never
 * throws on data.
 */
export async function* scanJsonStream(
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  recordPaths: readonly (readonly string[])[],
  options: { readonly maxTextLength?: number } = {},
): AsyncGenerator<JsonStreamItem> {
  for await (const items of scanJsonChunks(source, recordPaths, options)) {
    yield* items
  }
}
