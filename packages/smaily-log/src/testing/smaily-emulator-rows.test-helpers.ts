import type { SmailyEmulatorRow } from './smaily-emulator.js'

/** 2^53 + 1: every generated `seq_id` is above what a JSON.parse number holds exactly. */
export const FIRST_SEQ_ID = 9_007_199_254_740_993n

const ACTIONS = ['send', 'view', 'click', 'optin', 'bounce', 'modify'] as const

/**
 * `count` rows from `first` on, one a minute from 2025-05-10 08:00 Tallinn time (away from any
 * DST night); every `badEvery`-th row (when given) has an unreadable time, so it is rejected.
 */
export function smailyRows(
  count: number,
  { first = FIRST_SEQ_ID, badEvery }: { first?: bigint; badEvery?: number } = {},
): SmailyEmulatorRow[] {
  const start = Date.UTC(2025, 4, 10, 5, 0, 0)
  return Array.from({ length: count }, (_, index) => {
    const seq = first + BigInt(index)
    const local = new Date(start + Number(seq - FIRST_SEQ_ID) * 60_000 + 3 * 3_600_000)
    const time = local.toISOString().slice(0, 19).replace('T', ' ')
    const action = ACTIONS[index % ACTIONS.length] ?? 'send'
    return {
      seq_id: seq,
      email: `user${index % 37}@example.ee`,
      time: badEvery !== undefined && index % badEvery === badEvery - 1 ? 'yesterday' : time,
      campaign_id: action === 'optin' || action === 'modify' ? null : 70 + (index % 3),
      campaign_name: action === 'optin' || action === 'modify' ? null : 'Spring offers',
      action,
      value: action === 'click' ? `https://example.ee/${index}` : action === 'bounce' ? '550' : '',
    }
  })
}

/** The JSON text Smaily would send for `rows` in cursor mode (bare `seq_id` numbers). */
export function smailyRowsText(rows: readonly SmailyEmulatorRow[]): string {
  return `[${rows
    .map(({ seq_id, ...rest }) => `{"seq_id":${BigInt(seq_id)},${JSON.stringify(rest).slice(1)}`)
    .join(',')}]`
}
