import type { Rejection } from '../model/outcome.js'
import type { Checkpoint, Sink, SinkUnit, SinkWriteResult, StagedUnit } from '../sink/sink.js'

/** What a sync stored, summed over its units. */
export interface StoredTotals {
  /** Events that were new. */
  inserted: number
  /** Events whose id was stored already. */
  present: number
  /** Rejections that were new. */
  rejectionsStored: number
}

/**
 * Writes units in order with at most one in flight, so the next page is fetched and
 * normalized while the last one commits. A failed write rejects the next `write` or `drain`.
 */
export interface UnitWriter {
  /** Waits for the unit in flight, then starts writing `unit`. */
  write(unit: SinkUnit): Promise<void>
  /** Waits for the unit in flight, then starts committing `staged` (see `Sink.stage`). */
  commit(staged: StagedUnit, checkpoint?: Checkpoint): Promise<void>
  /** Waits for the unit in flight. */
  drain(): Promise<void>
  /** Totals of the units committed so far. */
  readonly totals: Readonly<StoredTotals>
}

/** A {@link UnitWriter} over `sink`. */
export function createUnitWriter(sink: Sink): UnitWriter {
  const totals: StoredTotals = { inserted: 0, present: 0, rejectionsStored: 0 }
  let inFlight: Promise<void> = Promise.resolve()
  const start = async (store: () => Promise<SinkWriteResult>) => {
    await inFlight
    inFlight = store().then((result) => {
      totals.inserted += result.inserted
      totals.present += result.present
      totals.rejectionsStored += result.rejectionsStored
    })
    inFlight.catch(() => {})
  }
  return {
    write: (unit) => start(() => sink.write(unit)),
    commit: (staged, checkpoint) => start(() => staged.commit(checkpoint)),
    drain: () => inFlight,
    totals,
  }
}

/**
 * Rejections of pulled records, placed by what the vendor says about them rather than by page:
 * `locator` is `locate(rejection)` (e.g. `seq_id 12`) and `index` 0, so a record read again
 * after a restart, from another page, has the same rejection key and is stored once.
 */
export function placeRejections(
  rejections: readonly Rejection[],
  locate: (rejection: Rejection) => string,
): Rejection[] {
  return rejections.map((rejection) => ({ ...rejection, index: 0, locator: locate(rejection) }))
}
