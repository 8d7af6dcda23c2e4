import type { EvidenceStep } from '@evnorm/core'
import type { SmailyClock } from './smaily-clock.js'
import { createFallBackFinder, type FallBack } from './smaily-fall-backs.js'
import { NEAR_MS, seqRowTime } from './smaily-seq-evidence.js'

/**
 * The evidence spans of the `seq_id` evidence (core's `Adapter.evidenceSpans`). A row with a
 * `seq_id` whose time lies within six hours plus the margin of a fall-back night (its reach:
 * every row the evidence of that night can look at; the earlier instant of a repeated time
 * always does) opens a span, or joins the open span of the same night. The span stays open
 * until a row with a `seq_id` surely later than the reach plus the margin (no later row in
 * `seq_id` order can reach back into the night) or a row of another night. Other rows are
 * alone while no span is open and join the open one otherwise. Each call of the returned
 * factory starts a run.
 */
export function createSmailySeqSpans(
  clock: SmailyClock,
  marginMs: number,
): () => (record: unknown) => EvidenceStep {
  const reachMs = NEAR_MS + marginMs
  const nightNear = createFallBackFinder(clock.zone, reachMs)
  return () => {
    let open: FallBack | undefined
    return (record) => {
      const time = seqRowTime(record)
      const placement = time === undefined ? undefined : clock.place(time)
      if (placement === undefined) return open === undefined ? 'alone' : 'join'
      const earliest = typeof placement === 'number' ? placement : placement[0]
      const night = nightNear(earliest)
      if (night !== undefined) {
        const same = night.at === open?.at
        open = night
        return same ? 'join' : 'open'
      }
      if (open !== undefined && earliest > open.at + open.by + reachMs + marginMs) open = undefined
      return open === undefined ? 'alone' : 'join'
    }
  }
}
