import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import type { Rejection } from '../model/outcome.js'
import type { Sink, StagedUnit } from './sink.js'

/**
 * A {@link StagedUnit} of `origin` for any sink: the sink's own {@link Sink.stage} when it has
 * one, otherwise a unit gathered in memory and stored by one {@link Sink.write} at commit.
 */
export function stageUnit(sink: Sink, origin: string): StagedUnit {
  const staged = sink.stage?.(origin)
  if (staged !== undefined) return staged
  const events: CanonicalEvent[] = []
  const rejections: Rejection[] = []
  return {
    get events() {
      return events.length
    },
    async add(added, rejected) {
      for (const event of added) events.push(event)
      for (const rejection of rejected) rejections.push(rejection)
    },
    commit: (checkpoint) =>
      sink.write({
        events,
        rejections,
        origin,
        ...(checkpoint === undefined ? {} : { checkpoint }),
      }),
  }
}
