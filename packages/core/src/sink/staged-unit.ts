import type { Rejection } from '../model/outcome.js'
import type { Sink, StagedUnit } from './sink.js'
import { concatEvents, eventCount, type UnitEvents } from './unit-events.js'

/**
 * A {@link StagedUnit} of `origin` for any sink: the sink's own {@link Sink.stage} when it has
 * one, otherwise a unit gathered in memory and stored by one {@link Sink.write} at commit.
 */
export function stageUnit(sink: Sink, origin: string): StagedUnit {
  const staged = sink.stage?.(origin)
  if (staged !== undefined) return staged
  const batches: UnitEvents[] = []
  const rejections: Rejection[] = []
  let events = 0
  return {
    get events() {
      return events
    },
    async add(added, rejected) {
      batches.push(added)
      events += eventCount(added)
      for (const rejection of rejected) rejections.push(rejection)
    },
    commit: (checkpoint) =>
      sink.write({
        events: concatEvents(batches),
        rejections,
        origin,
        ...(checkpoint === undefined ? {} : { checkpoint }),
      }),
  }
}
