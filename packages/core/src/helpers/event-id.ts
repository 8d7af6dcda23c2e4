import { hash } from 'node:crypto'

/**
 * evnorm's UUID namespace for event ids, fixed forever: the UUID v5 of the name
 * `https://evnorm.dev/ns/event-id` in the RFC 9562 URL namespace
 * (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
 */
export const EVNORM_ID_NAMESPACE = '4bf7a3a8-d2fb-5268-957c-d8168348c465'

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SCRATCH_NAME_BYTES = 4096
const MAX_JSON_BYTES_PER_UNIT = 6
const SHORT_ESCAPES = new Uint8Array(0x60)
for (const [code, letter] of [
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x22, '"'],
  [0x5c, '\\'],
] as const) {
  SHORT_ESCAPES[code] = letter.charCodeAt(0)
}
const HEX_DIGIT_CODES = [...'0123456789abcdef'].map((digit) => digit.charCodeAt(0))
const VARIANT_DIGIT_CODES = [...'89ab'].map((digit) => digit.charCodeAt(0))

const scratch = Buffer.alloc(16 + SCRATCH_NAME_BYTES)
const scratchName = scratch.subarray(16)
const scratchViews: (Buffer | undefined)[] = []
const encoder = new TextEncoder()
let scratchNamespace = ''

function useNamespace(namespace: string): void {
  if (namespace === scratchNamespace) return
  if (!UUID_TEXT.test(namespace)) {
    throw new TypeError(`uuidV5: namespace must be a UUID string, got ${JSON.stringify(namespace)}`)
  }
  scratch.write(namespace.replaceAll('-', ''), 0, 16, 'hex')
  scratchNamespace = namespace
}

function formatV5(sha1Hex: string): string {
  const at = (index: number) => sha1Hex.charCodeAt(index)
  const variantSource = at(16)
  const variant =
    VARIANT_DIGIT_CODES[(variantSource <= 0x39 ? variantSource : variantSource + 9) & 3]
  // biome-ignore format: the UUID layout 8-4-4-4-12 reads best one group per line
  return String.fromCharCode(
    at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7), 0x2d,
    at(8), at(9), at(10), at(11), 0x2d,
    0x35, at(13), at(14), at(15), 0x2d,
    variant as number, at(17), at(18), at(19), 0x2d,
    at(20), at(21), at(22), at(23), at(24), at(25), at(26), at(27), at(28), at(29), at(30), at(31),
  )
}

function hashScratch(length: number): string {
  let view = scratchViews[length]
  if (view === undefined) {
    view = scratch.subarray(0, length)
    scratchViews[length] = view
  }
  return formatV5(hash('sha1', view, 'hex'))
}

function hashLongName(name: string): string {
  const bytes = Buffer.concat([scratch.subarray(0, 16), Buffer.from(name, 'utf8')])
  return formatV5(hash('sha1', bytes, 'hex'))
}

/**
 * RFC 9562 UUID version 5 of `name` in `namespace`: SHA-1 over the namespace's 16 bytes and the
 * name's UTF-8 bytes, with the version and variant bits set. Equals `v5(name, namespace)` of the
 * `uuid` package, Python's `uuid.uuid5` and other RFC implementations for every well-formed
 * string. A lone surrogate is encoded as U+FFFD (the WHATWG UTF-8 encoder, as `TextEncoder` and
 * `Buffer` do), where the `uuid` package throws a `URIError`.
 *
 * @param name - The name, any string.
 * @param namespace - A UUID string (any case); defaults to {@link EVNORM_ID_NAMESPACE}.
 * @returns The UUID in lower-case 8-4-4-4-12 form.
 * @throws TypeError when `namespace` is not a UUID string (programmer misuse).
 */
export function uuidV5(name: string, namespace: string = EVNORM_ID_NAMESPACE): string {
  useNamespace(namespace)
  const { read, written } = encoder.encodeInto(name, scratchName)
  return read === name.length ? hashScratch(16 + written) : hashLongName(name)
}

function writeEscape(code: number, at: number): number {
  let position = at
  scratch[position++] = 0x5c
  const short = SHORT_ESCAPES[code] ?? 0
  if (short !== 0) {
    scratch[position++] = short
    return position
  }
  scratch[position++] = 0x75
  for (let shift = 12; shift >= 0; shift -= 4) {
    scratch[position++] = HEX_DIGIT_CODES[(code >>> shift) & 15] as number
  }
  return position
}

function writeJsonString(text: string, at: number): number {
  let position = at
  scratch[position++] = 0x22
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) {
      if (code >= 0x20 && code !== 0x22 && code !== 0x5c) scratch[position++] = code
      else position = writeEscape(code, position)
    } else if (code < 0x800) {
      scratch[position++] = 0xc0 | (code >>> 6)
      scratch[position++] = 0x80 | (code & 0x3f)
    } else if (code < 0xd800 || code > 0xdfff) {
      scratch[position++] = 0xe0 | (code >>> 12)
      scratch[position++] = 0x80 | ((code >>> 6) & 0x3f)
      scratch[position++] = 0x80 | (code & 0x3f)
    } else {
      const next = text.charCodeAt(index + 1)
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        scratch[position++] = 0xf0 | (point >>> 18)
        scratch[position++] = 0x80 | ((point >>> 12) & 0x3f)
        scratch[position++] = 0x80 | ((point >>> 6) & 0x3f)
        scratch[position++] = 0x80 | (point & 0x3f)
        index++
      } else {
        position = writeEscape(code, position)
      }
    }
  }
  scratch[position++] = 0x22
  return position
}

function fitsScratch(feed: string, parts: readonly (string | null | undefined)[]): boolean {
  let units = feed.length
  for (const part of parts) {
    if (typeof part === 'string') units += part.length
    else if (part !== null && part !== undefined) return false
  }
  return MAX_JSON_BYTES_PER_UNIT * units + 5 * (parts.length + 1) + 2 <= SCRATCH_NAME_BYTES
}

/**
 * Deterministic event id: `uuidV5(JSON.stringify([feed, ...parts]), EVNORM_ID_NAMESPACE)`, with
 * `undefined` parts written as `null` (as `JSON.stringify` writes them in arrays). The name is
 * compact JSON as ECMAScript's `JSON.stringify` writes it: no spaces; `"` and `\` escaped;
 * U+0008, U+0009, U+000A, U+000C, U+000D as `\b \t \n \f \r`; other code points below U+0020 and
 * lone surrogates as lower-case `\u00xx` / `\udxxx`; everything else literal, encoded as UTF-8.
 * Python's `json.dumps(value, ensure_ascii=False, separators=(',', ':'))` writes the same text for
 * well-formed strings, so any language can rebuild an id. Parts are strings for that reason:
 * pass vendor ids as their canonical decimal text.
 *
 * @param feed - The feed id, e.g. `smaily.history`.
 * @param parts - The vendor's natural key, or a canonical content key, in a fixed order.
 * @returns The event id, a lower-case UUID v5.
 */
export function eventId(feed: string, parts: readonly (string | null | undefined)[]): string {
  if (!fitsScratch(feed, parts)) return uuidV5(JSON.stringify([feed, ...parts]))
  useNamespace(EVNORM_ID_NAMESPACE)
  scratch[16] = 0x5b
  let position = writeJsonString(feed, 17)
  for (const part of parts) {
    scratch[position++] = 0x2c
    if (typeof part === 'string') {
      position = writeJsonString(part, position)
    } else {
      scratch[position++] = 0x6e
      scratch[position++] = 0x75
      scratch[position++] = 0x6c
      scratch[position++] = 0x6c
    }
  }
  scratch[position++] = 0x5d
  return hashScratch(position)
}
