import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { chunkingArbitrary, cut, cutBytes, trickyCharacter } from '../testing/chunked-source.js'
import { MAX_TEXT_LENGTH } from './text-limit.js'
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js'

const text = fc.string({ unit: trickyCharacter, maxLength: 40 })
const encode = (value: string): Uint8Array => new TextEncoder().encode(value)

function decodeAll(chunks: (string | Uint8Array)[]): { text: string; error?: string } {
  const decoder = new Utf8ChunkDecoder()
  let decoded = ''
  for (const chunk of [...chunks, undefined]) {
    const result = chunk === undefined ? decoder.end() : decoder.push(chunk)
    decoded += result.text
    if (result.error !== undefined) return { text: decoded, error: result.error.message }
  }
  return { text: decoded }
}

describe('Utf8ChunkDecoder', () => {
  test.prop([fc.boolean(), text, chunkingArbitrary])(
    'rebuilds the text from any chunking, dropping only a leading BOM',
    (bom, body, chunking) => {
      const input = `${bom ? '\uFEFF' : ''}${body}`
      expect(decodeAll(cut(input, chunking))).toEqual({ text: input.replace(/^\uFEFF/, '') })
    },
  )

  test.prop([
    text,
    fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xbf, 0xbf]),
    text,
    chunkingArbitrary,
  ])(
    'stops at the first invalid byte, naming its offset, after the text before it',
    (before, bad, after, chunking) => {
      const prefix = encode(before)
      const bytes = Uint8Array.from([...prefix, ...bad, ...encode(after)])
      expect(decodeAll(cutBytes(bytes, chunking))).toEqual({
        text: before.replace(/^\uFEFF/, ''),
        error: `invalid UTF-8 at byte ${prefix.length}`,
      })
    },
  )

  test.prop([text, fc.constantFrom([0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98]), chunkingArbitrary])(
    'fails when the input ends inside a character',
    (before, start, chunking) => {
      const prefix = encode(before)
      const bytes = Uint8Array.from([...prefix, ...start])
      expect(decodeAll(cutBytes(bytes, chunking)).error).toBe(
        `invalid UTF-8 at byte ${prefix.length}`,
      )
    },
  )

  it('keeps a BOM that is not at the very start', () => {
    expect(decodeAll(['', encode('a\uFEFF'), '\uFEFF'])).toEqual({ text: 'a\uFEFF\uFEFF' })
  })

  it('fails when a string chunk follows half a character', () => {
    expect(decodeAll([Uint8Array.from([0x61, 0xe2, 0x82]), 'b'])).toEqual({
      text: 'a',
      error: 'invalid UTF-8 at byte 1',
    })
  })

  it.each([
    {
      case: 'an invalid byte inside a character split across two chunks',
      chunks: [Uint8Array.of(0x61, 0x62, 0xe2), Uint8Array.of(0x82, 0x28, 0x63)],
      decoded: { text: 'ab', error: 'invalid UTF-8 at byte 2' },
    },
    {
      case: 'a bad second byte of a character started in the chunk before',
      chunks: [Uint8Array.of(0x61, 0xe0), Uint8Array.of(0x80, 0x80)],
      decoded: { text: 'a', error: 'invalid UTF-8 at byte 1' },
    },
    {
      case: 'a 4-byte character split over three chunks',
      chunks: [Uint8Array.of(0x61, 0xf0), Uint8Array.of(0x9f), Uint8Array.of(0x98, 0x80, 0x62)],
      decoded: { text: 'a😀b' },
    },
    {
      case: 'an invalid last byte of a 4-byte character split over three chunks',
      chunks: [Uint8Array.of(0x61, 0xf0), Uint8Array.of(0x9f), Uint8Array.of(0x98, 0x28)],
      decoded: { text: 'a', error: 'invalid UTF-8 at byte 1' },
    },
    {
      case: 'a string chunk after a character begun two chunks before',
      chunks: [Uint8Array.of(0x61, 0xf0), Uint8Array.of(0x9f), 'b'],
      decoded: { text: 'a', error: 'invalid UTF-8 at byte 1' },
    },
    {
      case: 'the end inside a character split over two chunks',
      chunks: [Uint8Array.of(0x61, 0x62, 0xf0), Uint8Array.of(0x9f, 0x98)],
      decoded: { text: 'ab', error: 'invalid UTF-8 at byte 2' },
    },
    {
      case: 'string chunks, which do not count in the byte offset',
      chunks: ['xyz', Uint8Array.of(0x61), 'é', Uint8Array.of(0x62, 0xff)],
      decoded: { text: 'xyzaéb', error: 'invalid UTF-8 at byte 2' },
    },
  ])('decodes $case', ({ chunks, decoded }) => {
    expect(decodeAll(chunks)).toEqual(decoded)
  })

  it('says a valid chunk too long for one string is too long, not bad UTF-8', () => {
    const decoded = new Utf8ChunkDecoder().push(Buffer.alloc(MAX_TEXT_LENGTH + 1, 0x20))
    expect(decoded.text).toBe('')
    expect(decoded.error?.message).toContain('the longest string JavaScript can hold')
  })

  it('throws on a chunk that is neither a string nor bytes (programmer error)', () => {
    expect(() => new Utf8ChunkDecoder().push(42 as unknown as string)).toThrow(TypeError)
  })
})
