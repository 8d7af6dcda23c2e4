import { normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { handWrittenHooksAdapter } from '../bench/altcraft-hooks-hand-written.js'
import { hookMessage } from '../bench/altcraft-hooks-messages.js'
import { altcraftHooksAdapter } from './index.js'

describe('the benchmark', () => {
  it('compares like with like: its hand-written ceiling mapping gives the adapter’s events for the benchmark messages', () => {
    const text = JSON.stringify(Array.from({ length: 1000 }, (_, index) => hookMessage(index)))
    const adapter = normalize(altcraftHooksAdapter, text)
    const handWritten = normalize(handWrittenHooksAdapter, text)
    if (!adapter.success || !handWritten.success) throw new Error('the benchmark input must parse')
    expect(adapter.counts.accepted).toBe(1000)
    expect(handWritten.rejections).toEqual([])
    expect(handWritten.events).toStrictEqual(adapter.events)
  })
})
