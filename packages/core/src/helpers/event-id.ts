import { hash } from 'node:crypto'

/**
 * evnorm's UUID namespace for event ids, fixed forever: the UUID v5 of the name
 * `https://evnorm.dev/ns/event-id` in the RFC 9562 URL namespace
 * (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
 */
export const EVNORM_ID_NAMESPACE = '4bf7a3a8-d2fb-5268-957c-d8168348c465'

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SCRATCH_NAME_BYTES = 4096
/** Messages up to four SHA-1 blocks hash faster in JS than through `node:crypto` (measured). */
const JS_SHA1_MAX_MESSAGE_BYTES = 4 * 64 - 9
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

const scratch = new Uint8Array(16 + SCRATCH_NAME_BYTES)
const scratchWords = new DataView(scratch.buffer)
const scratchName = scratch.subarray(16)
const schedule = new Int32Array(80)
const encoder = new TextEncoder()
let scratchNamespace = ''

function useNamespace(namespace: string): void {
  if (namespace === scratchNamespace) return
  if (!UUID_TEXT.test(namespace)) {
    throw new TypeError(`uuidV5: namespace must be a UUID string, got ${JSON.stringify(namespace)}`)
  }
  const hex = namespace.replaceAll('-', '')
  for (let index = 0; index < 16; index++) {
    scratch[index] = Number.parseInt(hex.slice(2 * index, 2 * index + 2), 16)
  }
  scratchNamespace = namespace
}

function hexDigit(word: number, shift: number): number {
  return HEX_DIGIT_CODES[(word >>> shift) & 15] as number
}

function formatV5(h0: number, h1: number, h2: number, h3: number): string {
  const variant = VARIANT_DIGIT_CODES[(h2 >>> 28) & 3] as number
  // biome-ignore format: one line per 8-4-4-4-12 group
  return String.fromCharCode(
    hexDigit(h0, 28), hexDigit(h0, 24), hexDigit(h0, 20), hexDigit(h0, 16),
    hexDigit(h0, 12), hexDigit(h0, 8), hexDigit(h0, 4), hexDigit(h0, 0), 0x2d,
    hexDigit(h1, 28), hexDigit(h1, 24), hexDigit(h1, 20), hexDigit(h1, 16), 0x2d,
    0x35, hexDigit(h1, 8), hexDigit(h1, 4), hexDigit(h1, 0), 0x2d,
    variant, hexDigit(h2, 24), hexDigit(h2, 20), hexDigit(h2, 16), 0x2d,
    hexDigit(h2, 12), hexDigit(h2, 8), hexDigit(h2, 4), hexDigit(h2, 0),
    hexDigit(h3, 28), hexDigit(h3, 24), hexDigit(h3, 20), hexDigit(h3, 16),
    hexDigit(h3, 12), hexDigit(h3, 8), hexDigit(h3, 4), hexDigit(h3, 0),
  )
}

function hexWord(hex: string, at: number): number {
  return Number.parseInt(hex.slice(at, at + 8), 16)
}

function hashNatively(message: Uint8Array): string {
  const hex = hash('sha1', message, 'hex')
  return formatV5(hexWord(hex, 0), hexWord(hex, 8), hexWord(hex, 16), hexWord(hex, 24))
}

/** SHA-1 (FIPS 180-4) of the scratch's first `length` bytes, padded in place. */
// biome-ignore format: one SHA-1 round per line
function hashScratchInJs(length: number): string {
  const end = (((length + 8) >>> 6) + 1) << 6
  scratch[length] = 0x80
  scratch.fill(0, length + 1, end - 4)
  scratchWords.setUint32(end - 4, length * 8)
  const w = schedule
  let h0 = 0x67452301
  let h1 = 0xefcdab89 | 0
  let h2 = 0x98badcfe | 0
  let h3 = 0x10325476
  let h4 = 0xc3d2e1f0 | 0
  for (let block = 0; block < end; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = scratchWords.getInt32(block + 4 * t)
    for (let t = 16; t < 80; t++) {
      const x =
        (w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number)
      w[t] = (x << 1) | (x >>> 31)
    }
    let a = h0
    let b = h1
    let c = h2
    let d = h3
    let e = h4
    let t = 0
    for (; t < 20; t += 5) {
      e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + (w[t] as number) + 0x5a827999) | 0
      b = (b << 30) | (b >>> 2)
      d =
        (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + (w[t + 1] as number) + 0x5a827999) | 0
      a = (a << 30) | (a >>> 2)
      c =
        (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + (w[t + 2] as number) + 0x5a827999) | 0
      e = (e << 30) | (e >>> 2)
      b =
        (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + (w[t + 3] as number) + 0x5a827999) | 0
      d = (d << 30) | (d >>> 2)
      a =
        (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + (w[t + 4] as number) + 0x5a827999) | 0
      c = (c << 30) | (c >>> 2)
    }
    for (; t < 40; t += 5) {
      e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (w[t] as number) + 0x6ed9eba1) | 0
      b = (b << 30) | (b >>> 2)
      d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + (w[t + 1] as number) + 0x6ed9eba1) | 0
      a = (a << 30) | (a >>> 2)
      c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + (w[t + 2] as number) + 0x6ed9eba1) | 0
      e = (e << 30) | (e >>> 2)
      b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + (w[t + 3] as number) + 0x6ed9eba1) | 0
      d = (d << 30) | (d >>> 2)
      a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + (w[t + 4] as number) + 0x6ed9eba1) | 0
      c = (c << 30) | (c >>> 2)
    }
    for (; t < 60; t += 5) {
      e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + (w[t] as number) + 0x8f1bbcdc) | 0
      b = (b << 30) | (b >>> 2)
      d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + (w[t + 1] as number) + 0x8f1bbcdc) | 0
      a = (a << 30) | (a >>> 2)
      c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + (w[t + 2] as number) + 0x8f1bbcdc) | 0
      e = (e << 30) | (e >>> 2)
      b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + (w[t + 3] as number) + 0x8f1bbcdc) | 0
      d = (d << 30) | (d >>> 2)
      a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + (w[t + 4] as number) + 0x8f1bbcdc) | 0
      c = (c << 30) | (c >>> 2)
    }
    for (; t < 80; t += 5) {
      e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (w[t] as number) + 0xca62c1d6) | 0
      b = (b << 30) | (b >>> 2)
      d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + (w[t + 1] as number) + 0xca62c1d6) | 0
      a = (a << 30) | (a >>> 2)
      c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + (w[t + 2] as number) + 0xca62c1d6) | 0
      e = (e << 30) | (e >>> 2)
      b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + (w[t + 3] as number) + 0xca62c1d6) | 0
      d = (d << 30) | (d >>> 2)
      a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + (w[t + 4] as number) + 0xca62c1d6) | 0
      c = (c << 30) | (c >>> 2)
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + b) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
  }
  return formatV5(h0, h1, h2, h3)
}

function hashScratch(length: number): string {
  return length <= JS_SHA1_MAX_MESSAGE_BYTES
    ? hashScratchInJs(length)
    : hashNatively(scratch.subarray(0, length))
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
  if (read === name.length) return hashScratch(16 + written)
  return hashNatively(Buffer.concat([scratch.subarray(0, 16), Buffer.from(name, 'utf8')]))
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
