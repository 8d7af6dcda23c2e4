import type { InferredSide, SmailyClock } from './smaily-clock.js'
import { compareUnsignedIds, readUnsignedId } from './smaily-identifier.js'

/**
 * What `analyzeBatch` found: for each batch index whose repeated-hour time the `seq_id` order
 * settles, the side it settles on; undefined when it settles none.
 */
export type SmailySeqHints = ReadonlyMap<number, InferredSide> | undefined

interface Entry {
  readonly index: number
  readonly seq: string
  readonly earlier: number
  readonly later: number
}

/** How far, beyond the margin, from a repeated-hour row a row still takes part. */
export const NEAR_MS = 6 * 3_600_000

function compareSeq(a: Entry, b: Entry): number {
  return compareUnsignedIds(a.seq, b.seq) || a.index - b.index
}

/** The `time` of a row that has a `seq_id` (not null), or undefined. */
export function seqRowTime(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined
  const { time, seq_id: seqId } = record as { time?: unknown; seq_id?: unknown }
  return typeof time === 'string' && seqId !== undefined && seqId !== null ? time : undefined
}

function hasRepeatedTime(records: readonly unknown[], clock: SmailyClock): boolean {
  for (const record of records) {
    const time = seqRowTime(record)
    if (time !== undefined && typeof clock.place(time) === 'object') return true
  }
  return false
}

function collect(records: readonly unknown[], clock: SmailyClock): Entry[] {
  const entries: Entry[] = []
  records.forEach((record, index) => {
    const time = seqRowTime(record)
    if (time === undefined) return
    const placement = clock.place(time)
    const seq = readUnsignedId((record as { seq_id: unknown }).seq_id, 'seq_id')
    if (placement === undefined || typeof seq !== 'string') return
    const [earlier, later] = typeof placement === 'number' ? [placement, placement] : placement
    entries.push({ index, seq, earlier, later })
  })
  return entries.sort(compareSeq)
}

/**
 * The entries near some repeated-hour entry: within `NEAR_MS` plus the margin of one of its
 * instants. Only these can rule out an instant of a repeated row; disorder further away says
 * nothing about the night. Keeps the `seq_id` order.
 */
function nearRepeated(entries: readonly Entry[], marginMs: number): Entry[] {
  const pad = NEAR_MS + marginMs
  const windows: [number, number][] = []
  const repeated = entries.filter((entry) => entry.earlier !== entry.later)
  repeated.sort((a, b) => a.earlier - b.earlier)
  for (const { earlier, later } of repeated) {
    const last = windows.at(-1)
    if (last !== undefined && earlier - pad <= last[1]) last[1] = Math.max(last[1], later + pad)
    else windows.push([earlier - pad, later + pad])
  }
  return entries.filter(({ earlier, later }) =>
    windows.some(([start, end]) => earlier <= end && later >= start),
  )
}

/**
 * Settles rows whose local time falls in a repeated (autumn) hour from the `seq_id` order of
 * the rows given (core gives one evidence span, see `createSmailySeqSpans`). Assumption:
 * Smaily logs actions in `seq_id` order up to a
 * margin, i.e. a row never happened more than `marginMs` before a row with a smaller
 * `seq_id`. Every row with a `seq_id` and a placeable time is an interval (one instant, or the
 * two instants of a repeated time); for a repeated row, an instant is ruled out when some row
 * with a smaller `seq_id` surely happened more than the margin after it, or some row with a
 * larger `seq_id` surely happened more than the margin before it. When exactly one instant
 * is ruled out the row is settled on the other, which narrows its interval; passes repeat
 * until nothing changes. Only rows within six hours (plus the margin) of a repeated-hour row
 * take part; if they contradict the assumption (a row whose every possible instant is ruled
 * out), nothing is settled. Rows are never reordered; rows further away, rows without
 * `seq_id`, with a skipped or invalid time, or not given play no part. Pure.
 */
export function analyzeSeqEvidence(
  records: readonly unknown[],
  clock: SmailyClock,
  marginMs: number,
): SmailySeqHints {
  if (!hasRepeatedTime(records, clock)) return undefined
  const entries = nearRepeated(collect(records, clock), marginMs)
  const count = entries.length
  const low = Float64Array.from(entries, (entry) => entry.earlier)
  const high = Float64Array.from(entries, (entry) => entry.later)
  const maxBefore = new Float64Array(count)
  const minAfter = new Float64Array(count)
  const settled = new Map<number, InferredSide>()
  for (let changed = true; changed; ) {
    changed = false
    boundsFromNeighbours(entries, low, high, maxBefore, minAfter)
    for (let k = 0; k < count; k++) {
      const entry = entries[k] as Entry
      const before = maxBefore[k] as number
      const after = minAfter[k] as number
      const lowOut = before > (low[k] as number) + marginMs || after < (low[k] as number) - marginMs
      const highOut =
        before > (high[k] as number) + marginMs || after < (high[k] as number) - marginMs
      if (lowOut && highOut) return undefined
      if (lowOut === highOut) continue
      const side: InferredSide = lowOut ? 'later' : 'earlier'
      settled.set(entry.index, side)
      if (side === 'later') low[k] = high[k] as number
      else high[k] = low[k] as number
      changed = true
    }
  }
  return settled.size === 0 ? undefined : settled
}

function boundsFromNeighbours(
  entries: readonly Entry[],
  low: Float64Array,
  high: Float64Array,
  maxBefore: Float64Array,
  minAfter: Float64Array,
): void {
  const count = entries.length
  let running = Number.NEGATIVE_INFINITY
  for (let start = 0; start < count; ) {
    let end = start
    let groupMax = Number.NEGATIVE_INFINITY
    while (end < count && (entries[end] as Entry).seq === (entries[start] as Entry).seq) {
      maxBefore[end] = running
      groupMax = Math.max(groupMax, low[end] as number)
      end++
    }
    running = Math.max(running, groupMax)
    start = end
  }
  running = Number.POSITIVE_INFINITY
  for (let end = count; end > 0; ) {
    let start = end
    let groupMin = Number.POSITIVE_INFINITY
    while (start > 0 && (entries[start - 1] as Entry).seq === (entries[end - 1] as Entry).seq) {
      start--
      minAfter[start] = running
      groupMin = Math.min(groupMin, high[start] as number)
    }
    running = Math.min(running, groupMin)
    end = start
  }
}
