import { normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { handWrittenHistoryAdapter } from '../bench/altcraft-history-hand-written.js'
import { historyRecord, jsonDocument } from '../bench/altcraft-history-records.js'
import { altcraftHistoryAdapter } from './index.js'

describe('the benchmark', () => {
  it('compares like with like: its hand-written ceiling mapping gives the adapter’s events for the benchmark records', () => {
    const text = jsonDocument(Array.from({ length: 300 }, (_, index) => historyRecord(index)))
    const adapter = normalize(altcraftHistoryAdapter, text)
    const handWritten = normalize(handWrittenHistoryAdapter, text)
    if (!adapter.success || !handWritten.success) throw new Error('the benchmark input must parse')
    expect(adapter.counts.accepted).toBe(300)
    expect(handWritten.rejections).toEqual([])
    expect(handWritten.events).toStrictEqual(adapter.events)
  })
})
