import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { modifyPairsArbitrary } from './smaily-arbitraries.test-helpers.js'
import { parseModifyValue } from './smaily-modify-value.js'

describe('parseModifyValue', () => {
  it('reads the vendor example, empty values included', () => {
    expect(parseModifyValue('foo=bar; name=; lastname=Bar')).toEqual({
      foo: 'bar',
      name: '',
      lastname: 'Bar',
    })
  })

  it('reads a final "; " as the end of the last pair', () => {
    expect(parseModifyValue('foo=bar; lastname=Bar; ')).toEqual({ foo: 'bar', lastname: 'Bar' })
    expect(parseModifyValue('name=; ')).toEqual({ name: '' })
    expect(parseModifyValue('note=a; ; b=2')).toEqual({ note: 'a; ', b: '2' })
  })

  it('splits a pair at its first =', () => {
    expect(parseModifyValue('url=https://x.ee/?a=1; b=2')).toEqual({
      url: 'https://x.ee/?a=1',
      b: '2',
    })
  })

  it('glues a piece with no = back onto the previous value', () => {
    expect(parseModifyValue('note=one; two; three; city=Tartu')).toEqual({
      note: 'one; two; three',
      city: 'Tartu',
    })
  })

  it('keeps the last value of a repeated key', () => {
    expect(parseModifyValue('name=a; name=b')).toEqual({ name: 'b' })
  })

  it('keeps __proto__ and constructor as plain fields', () => {
    const fields = parseModifyValue('__proto__=x; constructor=y')
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype)
    expect(Object.entries(fields ?? {})).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ])
  })

  it('gives undefined when the text does not start with a pair', () => {
    expect(parseModifyValue('just text')).toBeUndefined()
    expect(parseModifyValue('lead; a=1')).toBeUndefined()
  })

  it('reads back any field map written in the documented format', () => {
    fc.assert(
      fc.property(modifyPairsArbitrary, fc.constantFrom('', '; '), (pairs, end) => {
        const text = pairs.map(([key, value]) => `${key}=${value}`).join('; ') + end
        expect(parseModifyValue(text)).toEqual(Object.fromEntries(pairs))
      }),
    )
  })
})
