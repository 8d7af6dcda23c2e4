import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import { type RejectionRow, rejectionRow } from '../sink/rejection-row.js'
import type { Sink } from '../sink/sink.js'
import { eventObjects } from '../sink/unit-events.js'

/** A {@link Sink} in memory, for tests of pipelines: what it holds can be read back. */
export interface MemorySink extends Sink {
  /** Stored events by id. */
  readonly events: ReadonlyMap<string, CanonicalEvent>
  /** Stored rejections by key. */
  readonly rejections: ReadonlyMap<string, RejectionRow>
  /** Stored cursors by stream. */
  readonly checkpoints: ReadonlyMap<string, string>
  /** Units written. */
  readonly units: number
}

/** A sink that keeps everything in maps, with the idempotence of the real ones (first event wins). */
export function createMemorySink(): MemorySink {
  const events = new Map<string, CanonicalEvent>()
  const rejections = new Map<string, RejectionRow>()
  const checkpoints = new Map<string, string>()
  let units = 0
  return {
    target: 'memory',
    events,
    rejections,
    checkpoints,
    get units() {
      return units
    },
    async write(unit) {
      let inserted = 0
      let present = 0
      let rejectionsStored = 0
      for (const event of eventObjects(unit.events)) {
        if (events.has(event.id)) present++
        else {
          events.set(event.id, event)
          inserted++
        }
      }
      for (const rejection of unit.rejections) {
        const row = rejectionRow(rejection, unit.origin)
        if (!rejections.has(row.key)) {
          rejections.set(row.key, row)
          rejectionsStored++
        }
      }
      if (unit.checkpoint) checkpoints.set(unit.checkpoint.stream, unit.checkpoint.cursor)
      units++
      return { inserted, present, rejectionsStored }
    },
    async readCheckpoint(stream) {
      return checkpoints.get(stream)
    },
    async close() {},
  }
}
