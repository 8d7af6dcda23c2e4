import { readFileSync } from 'node:fs'
import { normalizeRecords, normalizeStream } from '@evnorm/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { smailyLogAdapter } from './smaily-adapter.js'
import { createSmailyClock } from './smaily-clock.js'
import { analyzeSeqEvidence } from './smaily-seq-evidence.js'

const clock = createSmailyClock('Europe/Tallinn')
const TEN_MINUTES = 600_000

function row(seq: number | string | undefined, time: string) {
  return {
    ...(seq === undefined ? {} : { seq_id: seq }),
    email: 'a@b.ee',
    time,
    action: 'send',
    value: '',
  }
}

function settle(rows: readonly unknown[], margin = TEN_MINUTES) {
  const hints = analyzeSeqEvidence(rows, clock, margin)
  return rows.map((_, index) => hints?.get(index))
}

describe('analyzeSeqEvidence', () => {
  it('settles both passes through the repeated hour, up to its edges', () => {
    const rows = JSON.parse(
      readFileSync(new URL('./__fixtures__/dst-seq-evidence.json', import.meta.url), 'utf8'),
    )
    expect(settle(rows)).toEqual([
      undefined,
      'earlier',
      'earlier',
      'later',
      'later',
      undefined,
      undefined,
    ])
  })

  it('settles nothing when the batch has no repeated time', () => {
    expect(
      analyzeSeqEvidence(
        [row(1, '2025-10-26 02:59:59'), row(2, '2025-10-26 04:00:00')],
        clock,
        TEN_MINUTES,
      ),
    ).toBeUndefined()
  })

  it('needs neighbours clearly on one side: a lone repeated row stays with the policy', () => {
    expect(settle([row(5, '2025-10-26 03:30:00')])).toEqual([undefined])
    expect(
      settle([
        row(4, '2025-10-26 02:59:00'),
        row(5, '2025-10-26 03:30:00'),
        row(6, '2025-10-26 04:01:00'),
      ]),
    ).toEqual([undefined, undefined, undefined])
  })

  it('uses a row just after the fall-back logged before a late repeated row', () => {
    expect(settle([row(1, '2025-10-26 04:00:00'), row(2, '2025-10-26 03:55:00')])).toEqual([
      undefined,
      'later',
    ])
    expect(
      settle([row(1, '2025-10-26 04:00:00'), row(2, '2025-10-26 03:55:00')], 7 * TEN_MINUTES),
    ).toEqual([undefined, undefined])
  })

  it('uses a row just before the fall-back logged after an early repeated row', () => {
    expect(settle([row(1, '2025-10-26 03:02:00'), row(2, '2025-10-26 02:58:00')])).toEqual([
      'earlier',
      undefined,
    ])
  })

  it('tolerates the vendor-style disorder of a few seconds', () => {
    expect(
      settle([
        row(1, '2025-10-26 03:50:00'),
        row(2, '2025-10-26 03:49:54'),
        row(3, '2025-10-26 03:05:00'),
      ]),
    ).toEqual(['earlier', 'earlier', 'later'])
  })

  it('settles nothing when the rows near the repeated hour contradict the margin', () => {
    const rows = [
      row(1, '2025-10-26 03:50:00'),
      row(2, '2025-10-26 03:05:00'),
      row(3, '2025-10-26 10:00:00'),
      row(4, '2025-10-26 06:00:00'),
    ]
    expect(settle(rows.slice(0, 2))).toEqual(['earlier', 'later'])
    expect(settle(rows)).toEqual([undefined, undefined, undefined, undefined])
  })

  it('ignores disorder far from the repeated hour', () => {
    const pair = [row(3, '2025-10-26 03:50:00'), row(4, '2025-10-26 03:05:00')]
    const earlierWeek = [row(1, '2025-10-20 12:00:00'), row(2, '2025-10-20 11:00:00')]
    const laterDay = [row(5, '2025-10-27 12:00:00'), row(6, '2025-10-27 11:00:00')]
    expect(settle([...earlierWeek, ...pair, ...laterDay])).toEqual([
      undefined,
      undefined,
      'earlier',
      'later',
      undefined,
      undefined,
    ])
    const sameDay = [row(5, '2025-10-26 12:00:00'), row(6, '2025-10-26 11:00:00')]
    expect(settle([...pair, ...sameDay])).toEqual(['earlier', 'later', undefined, undefined])
    const near = [row(5, '2025-10-26 08:00:00'), row(6, '2025-10-26 07:00:00')]
    expect(settle([...pair, ...near])).toEqual([undefined, undefined, undefined, undefined])
  })

  it('ignores rows without seq_id, with a skipped or invalid time, or with a bad seq_id', () => {
    expect(
      settle([
        row(undefined, '2025-10-26 04:30:00'),
        row('x', '2025-10-26 04:30:00'),
        row(1, '2025-10-26 25:00:00'),
        row(2, '2025-10-26 03:55:00'),
      ]),
    ).toEqual([undefined, undefined, undefined, undefined])
  })

  it('orders seq_id numerically, across lengths and above 2^53', () => {
    expect(
      settle([
        row('10000000000000000001', '2025-10-26 03:55:00'),
        row('9999999999999999999', '2025-10-26 04:00:00'),
      ]),
    ).toEqual(['later', undefined])
  })

  it('treats rows with the same seq_id as unordered', () => {
    expect(settle([row(7, '2025-10-26 04:00:00'), row(7, '2025-10-26 03:55:00')])).toEqual([
      undefined,
      undefined,
    ])
  })

  it('depends on seq_id order only, not on the order rows arrive in', () => {
    const rows = [
      row(1, '2025-10-26 03:40:00'),
      row(2, '2025-10-26 03:50:00'),
      row(3, '2025-10-26 03:10:00'),
      row(4, '2025-10-26 03:30:00'),
    ]
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4 }), (order) => {
        const shuffled = order.map((index) => rows[index])
        const hints = settle(shuffled)
        const bySeq = order
          .map((index, position) => [index, hints[position]] as const)
          .sort(([a], [b]) => a - b)
        expect(bySeq.map(([, side]) => side)).toEqual(['earlier', 'earlier', 'later', 'later'])
      }),
    )
  })

  it('never contradicts time order within the margin: settled rows agree with every seq neighbour', () => {
    const night = fc
      .array(fc.integer({ min: -90 * 60, max: 150 * 60 }), { minLength: 1, maxLength: 30 })
      .map((offsets) => offsets.sort((a, b) => a - b))
    fc.assert(
      fc.property(night, fc.array(fc.integer({ min: -300, max: 300 })), (seconds, jitter) => {
        const fallBack = Date.UTC(2025, 9, 26, 1)
        const rows = seconds.map((offset, index) => {
          const instant = fallBack + (offset + (jitter[index] ?? 0)) * 1000
          const local = new Date(instant + (instant < fallBack ? 3 : 2) * 3_600_000).toISOString()
          return { ...row(index + 1, `${local.slice(0, 10)} ${local.slice(11, 19)}`), instant }
        })
        const hints = settle(rows)
        rows.forEach((candidate, index) => {
          const side = hints[index]
          if (side === undefined) return
          expect(side, candidate.time).toBe(candidate.instant < fallBack ? 'earlier' : 'later')
        })
      }),
      { numRuns: 300 },
    )
  })
})

describe('through core', () => {
  it('gives a stream of one-row batches the inference of the whole input', async () => {
    const rows = [row(1, '2025-10-26 04:00:00'), row(2, '2025-10-26 03:55:00')]
    const whole = normalizeRecords(smailyLogAdapter, rows)
    expect(whole.events[1]?.source.time.resolution).toBe('inferred_later')
    const resolutions: unknown[] = []
    for await (const item of normalizeStream(smailyLogAdapter, [JSON.stringify(rows)], {
      batchSize: 1,
    })) {
      if (item.success)
        resolutions.push(...item.events.map((event) => event.source.time.resolution))
    }
    expect(resolutions).toEqual([undefined, 'inferred_later'])
  })

  it('never reorders events', () => {
    const rows = [
      row(3, '2025-10-26 03:10:00'),
      row(1, '2025-10-26 03:50:00'),
      row(2, '2025-10-26 03:58:00'),
    ]
    const batch = normalizeRecords(smailyLogAdapter, rows)
    expect(batch.events.map((event) => event.source.recordId)).toEqual(['3', '1', '2'])
    expect(batch.events.map((event) => event.source.time.resolution)).toEqual([
      'inferred_later',
      'inferred_earlier',
      'inferred_earlier',
    ])
  })
})
