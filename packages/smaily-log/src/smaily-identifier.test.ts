import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readUnsignedId } from './smaily-identifier.js'

const UINT64_MAX = 2n ** 64n - 1n

describe('readUnsignedId', () => {
  it.each([
    [0, '0'],
    [13, '13'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    ['9007199254740993', '9007199254740993'],
    ['18446744073709551615', '18446744073709551615'],
    ['007', '7'],
    ['0000', '0'],
    [18446744073709551615n, '18446744073709551615'],
    [5n, '5'],
  ])('%s reads as %s', (value, id) => {
    expect(readUnsignedId(value, 'seq_id')).toBe(id)
  })

  it.each([
    [2 ** 53, 'imprecise_integer'],
    [1e300, 'imprecise_integer'],
    [-1, 'invalid_field'],
    [0.5, 'invalid_field'],
    [Number.NaN, 'invalid_field'],
    [Number.POSITIVE_INFINITY, 'invalid_field'],
    [-1n, 'invalid_field'],
    [2n ** 64n, 'invalid_field'],
    ['18446744073709551616', 'invalid_field'],
    ['', 'invalid_field'],
    [' 1', 'invalid_field'],
    ['1e3', 'invalid_field'],
    [null, 'invalid_field'],
  ])('%s is %s', (value, reason) => {
    expect(readUnsignedId(value, 'seq_id')).toMatchObject({ reason })
  })

  it('reads every uint64, as a decimal string or a bigint, exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: UINT64_MAX }), fc.nat({ max: 3 }), (value, zeros) => {
        expect(readUnsignedId(`${'0'.repeat(zeros)}${value}`, 'seq_id')).toBe(value.toString())
        expect(readUnsignedId(value, 'seq_id')).toBe(value.toString())
      }),
    )
  })
})
