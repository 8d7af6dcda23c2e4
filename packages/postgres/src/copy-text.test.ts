import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { copyField, copyJsonField, jsonForPostgres } from './copy-text.js'

/** What PostgreSQL keeps of a string: NUL and lone surrogates become U+FFFD. */
const storable = (text: string): string =>
  text.replace(
    /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  )

describe('copyField', () => {
  it('escapes what COPY text format reads specially and replaces NUL', () => {
    expect(copyField('a\tb\nc\rd\\e\0f\\N')).toBe('a\\tb\\nc\\rd\\\\e\uFFFDf\\\\N')
  })
})

describe('jsonForPostgres', () => {
  it('replaces escaped NUL and lone surrogates, but not escaped backslashes', () => {
    const json = JSON.stringify({ a: 'x\0y', b: '\\u0000', c: '\uD800', d: '\\\0' })
    expect(JSON.parse(jsonForPostgres(json))).toEqual({
      a: 'x\uFFFDy',
      b: '\\u0000',
      c: '\uFFFD',
      d: '\\\uFFFD',
    })
  })

  test.prop([fc.string({ unit: 'binary' })])('keeps every string PostgreSQL can hold', (text) => {
    expect(JSON.parse(jsonForPostgres(JSON.stringify(text)))).toBe(storable(text))
  })

  test.prop([fc.string({ unit: 'binary' })])(
    'gives one COPY field with no raw tab or line break',
    (text) => {
      expect(copyJsonField(JSON.stringify(text))).not.toMatch(/[\t\n\r\0]/)
    },
  )
})
