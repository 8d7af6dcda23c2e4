import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import type { BatchResult, RecordOutcome, Rejection } from '../model/outcome.js'
import type { EventType } from '../model/taxonomy.js'

/**
 * The batch result of `outcomes` (one per record, in input order): their events and
 * rejections in order, and the counts. For code that builds or rewrites outcomes itself (the
 * CLI turns an event it cannot write into a rejection).
 */
export function batchFromOutcomes(outcomes: readonly RecordOutcome[]): BatchResult {
  const events: CanonicalEvent[] = []
  const rejections: Rejection[] = []
  const byType: Partial<Record<EventType, number>> = {}
  for (const outcome of outcomes) {
    if (!outcome.success) {
      rejections.push(outcome.rejection)
      continue
    }
    for (const event of outcome.events) {
      events.push(event)
      byType[event.type] = (byType[event.type] ?? 0) + 1
    }
  }
  return {
    outcomes,
    events,
    rejections,
    counts: {
      records: outcomes.length,
      accepted: outcomes.length - rejections.length,
      rejected: rejections.length,
      events: events.length,
      byType,
    },
  }
}
