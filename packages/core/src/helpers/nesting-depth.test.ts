import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { exceedsNestingDepth, MAX_NESTING_DEPTH } from './nesting-depth.js'

function nest(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'leaf'
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { a: value }
  return value
}

describe('exceedsNestingDepth', () => {
  test('counts scalars as depth 0 and each array or object as one level', () => {
    for (const scalar of [null, 1, 'text', true, undefined])
      expect(exceedsNestingDepth(scalar, 0)).toBe(false)
    expect(exceedsNestingDepth({}, 0)).toBe(true)
    expect(exceedsNestingDepth({}, 1)).toBe(false)
    expect(exceedsNestingDepth([[1], { a: [2] }], 2)).toBe(true)
    expect(exceedsNestingDepth([[1], { a: [2] }], 3)).toBe(false)
  })

  test('finds a deep branch beside shallow ones', () => {
    expect(
      exceedsNestingDepth({ a: 1, b: [2, 3], c: { d: nest(MAX_NESTING_DEPTH, 'array') } }),
    ).toBe(true)
  })

  test('handles nesting far past the call stack without throwing', () => {
    const deep = nest(200_000, 'object')
    expect(exceedsNestingDepth(deep)).toBe(true)
    expect(() => JSON.stringify(deep)).toThrow(RangeError)
  })

  test('stays linear on shared references and cycles', () => {
    let shared: unknown[] = [1]
    for (let level = 0; level < 60; level++) shared = [shared, shared]
    expect(exceedsNestingDepth(shared)).toBe(false)
    expect(exceedsNestingDepth(shared, 10)).toBe(true)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(exceedsNestingDepth(cyclic)).toBe(true)
  })

  test.prop([fc.integer({ min: 0, max: 300 }), fc.constantFrom('array', 'object' as const)])(
    'is true exactly past the limit',
    (depth, kind) => {
      expect(exceedsNestingDepth(nest(depth, kind))).toBe(depth > MAX_NESTING_DEPTH)
    },
  )
})
