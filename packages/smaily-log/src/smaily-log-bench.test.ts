import { normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { handWrittenSmailyAdapter } from '../bench/smaily-log-hand-written.js'
import { buildRows, historyJson } from '../bench/smaily-rows.js'
import { smailyLogAdapter } from './index.js'

describe('the benchmark', () => {
  it('compares like with like: its hand-written ceiling mapping gives the adapter’s events for the benchmark rows', () => {
    const text = historyJson(buildRows(2000))
    const adapter = normalize(smailyLogAdapter, text)
    const handWritten = normalize(handWrittenSmailyAdapter, text)
    if (!adapter.success || !handWritten.success) throw new Error('the benchmark input must parse')
    expect(adapter.counts.accepted).toBe(2000)
    expect(handWritten.rejections).toEqual([])
    expect(handWritten.events).toStrictEqual(adapter.events)
  })
})
