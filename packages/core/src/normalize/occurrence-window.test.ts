import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { OCCURRENCE_WINDOW, OccurrenceWindow } from './occurrence-window.js'

function numbers(ids: readonly string[], size?: number): number[] {
  const window = new OccurrenceWindow(size)
  return ids.map((id) => window.occurrence(id))
}

describe('OccurrenceWindow', () => {
  test('numbers repeats 1, 2, 3…', () => {
    expect(numbers(['x', 'y', 'x', 'x', 'y'])).toEqual([1, 1, 2, 3, 2])
  })

  test('keeps counting up when the first occurrence leaves the window but a later one has not', () => {
    const others = Array.from({ length: OCCURRENCE_WINDOW - 2 }, (_, index) => `o${index}`)
    expect(numbers(['x', ...others, 'x', 'x']).slice(-2)).toEqual([2, 3])
    expect(numbers(['x', 'a', 'b', 'x', 'x'], 4)).toEqual([1, 1, 1, 2, 3])
  })

  test('starts again at 1 after a whole window without the id', () => {
    expect(numbers(['x', 'a', 'b', 'x'], 3)).toEqual([1, 1, 1, 1])
  })

  test.prop([
    fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 80 }),
    fc.integer({ min: 1, max: 8 }),
  ])('never gives one id the same number twice less than a window apart', (ids, size) => {
    const given = numbers(ids, size)
    const lastAt = new Map<string, number>()
    given.forEach((number, position) => {
      const key = `${ids[position]}#${number}`
      const before = lastAt.get(key)
      if (before !== undefined) expect(position - before).toBeGreaterThanOrEqual(size)
      lastAt.set(key, position)
    })
  })
})
