import { describe, expect, it } from 'vitest'
import { formatCount, formatDuration, formatRate } from './format-number.js'

describe('formatCount', () => {
  it('groups thousands with commas whatever the host locale', () => {
    expect([0, 999, 1000, 1_234_567].map(formatCount)).toEqual(['0', '999', '1,000', '1,234,567'])
  })
})

describe('formatDuration', () => {
  it('shows tenths under 10 s, whole seconds under a minute, then m:ss and h:mm:ss', () => {
    expect([0, 420, 9_940, 12_400, 187_000, 3_723_000].map(formatDuration)).toEqual([
      '0.0 s',
      '0.4 s',
      '9.9 s',
      '12 s',
      '3:07',
      '1:02:03',
    ])
  })
})

describe('formatRate', () => {
  it('gives records per second, none for a run under a millisecond', () => {
    expect(formatRate(250_000, 2000)).toBe('125,000 records/s')
    expect(formatRate(5, 0)).toBeUndefined()
  })
})
