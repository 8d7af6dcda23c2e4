import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { decodeText, sniffFormat } from './text-input.js'

describe('decodeText', () => {
  test.prop([fc.string({ unit: 'binary' }), fc.boolean()])(
    'passes strings through and decodes UTF-8 bytes, dropping a leading BOM',
    (body, bom) => {
      const input = bom ? `\uFEFF${body}` : body
      const text = input.replace(/^\uFEFF/, '')
      expect(decodeText(input)).toEqual({ success: true, text })
      expect(decodeText(new TextEncoder().encode(input))).toEqual({ success: true, text })
    },
  )

  it('keeps a second BOM', () => {
    expect(decodeText('\uFEFF\uFEFFa')).toEqual({ success: true, text: '\uFEFFa' })
  })

  it('names the offset of the first invalid byte', () => {
    expect(decodeText(Uint8Array.from([0x7b, 0x22, 0xc3, 0xa9, 0x22, 0xff]))).toEqual({
      success: false,
      message: 'invalid UTF-8 at byte 5',
    })
    expect(decodeText(Uint8Array.from([0x61, 0xe2, 0x82]))).toEqual({
      success: false,
      message: 'invalid UTF-8 at byte 1',
    })
  })
})

describe('sniffFormat', () => {
  it.each([
    ['<xml><data/></xml>', 'xml'],
    ['\n  <?xml version="1.0"?>', 'xml'],
    ['[{"a":1}]', 'json'],
    [' \t\r\n[', 'json'],
    ['{"data":[],"error":0}', 'json'],
    ['{"a":1}\n', 'json'],
    ['{"a":1}\n \r\n\t', 'json'],
    ['{\n  "a": 1\n}\n', 'json'],
    ['{"a":1}\n{"a":2}', 'ndjson'],
    ['{"a":1}\r\n\r\n{"a":2}\r\n', 'ndjson'],
    ['{"a":1}\nnot json', 'ndjson'],
    ['{"a":\n1}\n{"a":2}', 'json'],
    ['email,action\nann@example.org,click', 'csv'],
    ['email;action', 'csv'],
    ['email\taction', 'csv'],
    ['email\naction,date', undefined],
    ['plain text', undefined],
    ['', undefined],
    [' \n ', undefined],
  ])('%j → %s', (text, format) => {
    expect(sniffFormat(text)).toBe(format)
  })

  test.prop([fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 2, maxLength: 5 })])(
    'tells NDJSON objects from a JSON array or a pretty-printed object',
    (objects) => {
      expect(sniffFormat(objects.map((item) => JSON.stringify(item)).join('\n'))).toBe('ndjson')
      expect(sniffFormat(JSON.stringify(objects))).toBe('json')
      expect(sniffFormat(`${JSON.stringify(objects[0])}\n`)).toBe('json')
      expect(sniffFormat(JSON.stringify({ data: objects }, null, 2))).toBe('json')
    },
  )
})
