import { normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { smailyLogAdapter } from './smaily-adapter.js'

function viewDetails(value: string) {
  const record = { action: 'view', time: '2025-01-15 09:00:00', email: 'a@b.ee', seq_id: 1, value }
  const result = normalize(smailyLogAdapter, [record])
  if (!result.success) throw result.error
  return result.events[0]?.details
}

describe('machine opens', () => {
  it('marks a view whose user agent names a mail proxy as a machine open', () => {
    const value = 'ua=Mozilla/5.0 (via ggpht.com GoogleImageProxy)'
    expect(viewDetails(value)).toEqual({ raw: value, machine: true })
  })

  it('leaves machine unknown for any other view', () => {
    expect(viewDetails('ua=Mozilla/5.0 (X11; Linux x86_64)')).not.toHaveProperty('machine')
  })
})
