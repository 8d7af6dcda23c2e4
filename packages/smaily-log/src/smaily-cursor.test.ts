import { normalize, normalizeRecords, normalizeStream } from '@evnorm/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSmailyLogAdapter, smailyLogAdapter } from './smaily-adapter.js'
import { seqIdArbitrary } from './smaily-arbitraries.test-helpers.js'
import { nextSmailyCursor } from './smaily-cursor.js'

function row(seq: number | string | undefined, time = '2025-01-15 09:00:00', action = 'send') {
  return { ...(seq === undefined ? {} : { seq_id: seq }), email: 'a@b.ee', time, action }
}

describe('nextSmailyCursor', () => {
  it('moves past a page whose rows were all rejected', () => {
    const strict = createSmailyLogAdapter({ timePolicy: { ambiguous: 'reject' } })
    const night = `[{"seq_id":18446744073709551614,"email":"a@b.ee","time":"2025-10-26 03:30:00","action":"send"},{"seq_id":18446744073709551615,"email":"a@b.ee","time":"2025-10-26 03:31:00","action":"send"}]`
    const result = normalize(strict, night)
    if (!result.success) throw result.error
    expect(result.events).toEqual([])
    expect(nextSmailyCursor(result, '18446744073709551613')).toBe('18446744073709551615')
  })

  it('takes the largest seq_id over events and rejections, compared as integers', () => {
    const batch = normalizeRecords(smailyLogAdapter, [
      row('9999999999999999999'),
      row('10000000000000000000', 'not a time'),
      row(12),
      row(7, '2025-01-15 09:00:00', ''),
    ])
    expect(batch.counts).toMatchObject({ accepted: 2, rejected: 2 })
    expect(nextSmailyCursor(batch)).toBe('10000000000000000000')
    expect(nextSmailyCursor(normalizeRecords(smailyLogAdapter, [row(9), row(10)]))).toBe('10')
  })

  it('ignores seq_ids that are not exact ids, and rows without one', () => {
    const batch = normalizeRecords(smailyLogAdapter, [
      row(Number('18446744073709551615')),
      row('x'),
      row(undefined),
      5,
    ])
    expect(batch.counts.rejected).toBe(3)
    expect(nextSmailyCursor(batch)).toBeUndefined()
    expect(nextSmailyCursor(batch, 41)).toBe('41')
    expect(nextSmailyCursor(normalizeRecords(smailyLogAdapter, []), '0042')).toBe('42')
  })

  it('never goes below the previous cursor, and rejects a previous cursor that is not a uint64', () => {
    const batch = normalizeRecords(smailyLogAdapter, [row(3)])
    expect(nextSmailyCursor(batch, 10n)).toBe('10')
    expect(() => nextSmailyCursor(batch, '-1')).toThrow(TypeError)
    expect(() => nextSmailyCursor(batch, 2 ** 60)).toThrow(/previous/)
  })

  it('runs over stream batches with the running cursor', async () => {
    const rows = [row(5), row(6, 'bad'), row(4)]
    let cursor = '0'
    for await (const item of normalizeStream(smailyLogAdapter, [JSON.stringify(rows)], {
      batchSize: 1,
    })) {
      if (item.success) cursor = nextSmailyCursor(item, cursor) ?? cursor
    }
    expect(cursor).toBe('6')
  })

  it('is the BigInt maximum of every valid seq_id, accepted or not', () => {
    const rows = fc.array(fc.tuple(seqIdArbitrary, fc.boolean()), { minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(rows, (pairs) => {
        const batch = normalizeRecords(
          smailyLogAdapter,
          pairs.map(([seq, good]) =>
            row(seq, good ? '2025-01-15 09:00:00' : '2025-13-01 00:00:00'),
          ),
        )
        const max = pairs.reduce((top, [seq]) => (BigInt(seq) > top ? BigInt(seq) : top), -1n)
        expect(nextSmailyCursor(batch)).toBe(max.toString())
      }),
    )
  })

  it('takes the largest seq_id of rows, such as the rows a run holds back', () => {
    const rows = [{ seq_id: 9 }, { seq_id: '18014398509481985' }, { time: 'no seq_id' }, 'x']
    expect(nextSmailyCursor(rows, 3)).toBe('18014398509481985')
    expect(nextSmailyCursor([], '12')).toBe('12')
    expect(nextSmailyCursor([])).toBeUndefined()
  })
})
