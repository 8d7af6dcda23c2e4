import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import { normalizeRecords } from '../normalize/normalize.js'
import { batchLines } from './batch-lines.js'

const adapter = createExampleAdapter()
const row = (email: string) => ({ verb: 'sent', at: '2025-06-01T12:00:00Z', email })

function parseLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown)
}

describe('batchLines', () => {
  it('writes one line per event and rejection', () => {
    const batch = normalizeRecords(adapter, [row('a@example.ee'), 7])
    const lines = batchLines(batch, adapter.feed, true)
    expect(lines.batch).toBe(batch)
    expect(parseLines(lines.events)).toHaveLength(1)
    expect(parseLines(lines.rejections)).toMatchObject([{ raw: 7 }])
    expect(batchLines(batch, adapter.feed, false).rejections).toBe('')
  })

  it('turns a value JSON.stringify cannot write into a counted rejection, keeping the rest', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const batch = normalizeRecords(adapter, [
      row('a@example.ee'),
      row('b@example.ee'),
      { ...row('c@example.ee'), verb: 10n },
    ])
    ;(batch.events[0] as { raw?: unknown }).raw = cyclic
    const lines = batchLines(batch, adapter.feed, true)
    expect(parseLines(lines.events)).toMatchObject([{ recipient: { email: 'b@example.ee' } }])
    const rejections = parseLines(lines.rejections) as { reason: string; raw: unknown }[]
    expect(rejections.map((rejection) => rejection.reason)).toEqual([
      'invalid_event',
      'missing_field',
    ])
    expect(rejections.map((rejection) => rejection.raw)).toEqual([
      'raw record not written: JSON.stringify failed on it',
      'raw record not kept: it holds a BigInt at "verb", which JSON cannot hold',
    ])
    expect(lines.batch.counts).toMatchObject({ records: 3, accepted: 1, rejected: 2, events: 1 })
    expect(lines.batch.outcomes.map((outcome) => outcome.success)).toEqual([false, true, false])
  })
})
