import { normalizeRecords } from '@evnorm/core'
import { smailyLogAdapter } from '@evnorm/smaily-log'
import { describe, expect, it } from 'vitest'
import { batchLines } from './batch-lines.js'
import { parseLines } from './cli.test-helpers.js'

const row = (email: string) => ({
  email,
  time: '2025-06-01 12:00:00',
  action: 'optin',
  value: '',
})

describe('batchLines', () => {
  it('writes one line per event and rejection', () => {
    const batch = normalizeRecords(smailyLogAdapter, [row('a@example.ee'), 7])
    const lines = batchLines(batch, smailyLogAdapter.feed, true)
    expect(lines.batch).toBe(batch)
    expect(parseLines(lines.events)).toHaveLength(1)
    expect(parseLines(lines.rejections)).toMatchObject([{ raw: 7 }])
    expect(batchLines(batch, smailyLogAdapter.feed, false).rejections).toBe('')
  })

  it('turns a value JSON.stringify cannot write into a counted rejection, keeping the rest', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const batch = normalizeRecords(smailyLogAdapter, [
      row('a@example.ee'),
      row('b@example.ee'),
      { email: 'c@example.ee', big: 10n },
    ])
    ;(batch.events[0] as { raw?: unknown }).raw = cyclic
    const lines = batchLines(batch, smailyLogAdapter.feed, true)
    expect(parseLines(lines.events)).toMatchObject([{ recipient: { email: 'b@example.ee' } }])
    const rejections = parseLines(lines.rejections) as { reason: string; raw: unknown }[]
    expect(rejections.map((rejection) => rejection.reason)).toEqual([
      'invalid_event',
      'missing_field',
    ])
    expect(rejections.map((rejection) => rejection.raw)).toEqual([
      'raw record not written: JSON.stringify failed on it',
      'raw record not kept: it holds a BigInt at "big", which JSON cannot hold',
    ])
    expect(lines.batch.counts).toMatchObject({ records: 3, accepted: 1, rejected: 2, events: 1 })
    expect(lines.batch.outcomes.map((outcome) => outcome.success)).toEqual([false, true, false])
  })
})
