import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { invalidUtf8Offset } from './invalid-utf8-offset.js'

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const lenient = new TextDecoder('utf-8', { ignoreBOM: true })

/** Valid UTF-8 with stray bytes mixed in. */
const mostlyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 4 }).map((text) => new TextEncoder().encode(text)),
      fc.uint8Array({ minLength: 1, maxLength: 3 }),
      fc
        .constantFrom(
          [0xc0, 0x80],
          [0xe0, 0x80, 0x80],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0xf0, 0x8f, 0xbf, 0xbf],
          [0xe2, 0x82],
          [0xf0, 0x9f, 0x98],
        )
        .map((bytes) => Uint8Array.from(bytes)),
    ),
    { maxLength: 8 },
  )
  .map((parts) => Uint8Array.from(parts.flatMap((part) => [...part])))

describe('invalidUtf8Offset', () => {
  test.prop([mostlyText])('agrees with the WHATWG decoder on where decoding breaks', (bytes) => {
    const offset = invalidUtf8Offset(bytes)
    let valid = true
    try {
      fatal.decode(bytes)
    } catch {
      valid = false
    }
    expect(offset === -1).toBe(valid)
    if (offset === -1) return
    const before = fatal.decode(bytes.subarray(0, offset))
    const replaced = lenient.decode(bytes)
    expect(replaced.startsWith(before)).toBe(true)
    expect(replaced.charAt(before.length)).toBe('\uFFFD')
  })

  it.each([
    [[0x61, 0xff], 1],
    [[0x61, 0xc3], 1],
    [[0xe2, 0x82, 0xac, 0xed, 0xa0, 0x80], 3],
    [[0xf4, 0x8f, 0xbf, 0xbf], -1],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0xe0, 0x9f, 0x80], 0],
    [[0xc1, 0xbf], 0],
  ])('%j → %i', (bytes, offset) => {
    expect(invalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset)
  })
})
