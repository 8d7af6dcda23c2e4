import type { CanonicalEvent } from '../model/canonical-event-schema.js'

/** Events already written as UTF-8 NDJSON (e.g. by `normalizeInParallel`), with their ids in order. */
export interface EncodedEvents {
  /** One `\n`-terminated JSON line per event. */
  readonly ndjson: Uint8Array
  /** The id of each line's event, in order. */
  readonly ids: readonly string[]
}

/** A unit's events: objects, or already written as NDJSON. */
export type UnitEvents = readonly CanonicalEvent[] | EncodedEvents

/** True when the events are already written as NDJSON. */
export function isEncoded(events: UnitEvents): events is EncodedEvents {
  return !Array.isArray(events)
}

/** How many events a unit holds. */
export function eventCount(events: UnitEvents): number {
  return isEncoded(events) ? events.ids.length : events.length
}

const UTF8 = new TextDecoder()

/** The events as objects (encoded ones parsed), in order. */
export function eventObjects(events: UnitEvents): readonly CanonicalEvent[] {
  if (!isEncoded(events)) return events
  const text = UTF8.decode(events.ndjson)
  return text === ''
    ? []
    : text
        .slice(0, -1)
        .split('\n')
        .map((line) => JSON.parse(line))
}

/**
 * The JSON text of each event, the first of events sharing an id only, in order; ids in `seen`
 * (added to it) count as shared already.
 */
export function* uniqueEventTexts(events: UnitEvents, seen = new Set<string>()): Generator<string> {
  if (!isEncoded(events)) {
    for (const event of events) {
      if (seen.has(event.id)) continue
      seen.add(event.id)
      yield JSON.stringify(event)
    }
    return
  }
  let start = 0
  for (const id of events.ids) {
    const end = events.ndjson.indexOf(10, start)
    if (!seen.has(id)) {
      seen.add(id)
      yield UTF8.decode(events.ndjson.subarray(start, end))
    }
    start = end + 1
  }
}

/**
 * The events as NDJSON, the first of events sharing an id only, and how many lines it has:
 * the encoded bytes themselves when no id repeats. Ids in `seen` (added to it) count as
 * shared already.
 */
export function uniqueEventNdjson(
  events: UnitEvents,
  seen = new Set<string>(),
): {
  readonly ndjson: string | Uint8Array
  readonly count: number
} {
  if (isEncoded(events)) {
    const ids = new Set(events.ids)
    if (ids.size === events.ids.length && !events.ids.some((id) => seen.has(id))) {
      for (const id of ids) seen.add(id)
      return { ndjson: events.ndjson, count: ids.size }
    }
  }
  let ndjson = ''
  let count = 0
  for (const text of uniqueEventTexts(events, seen)) {
    ndjson += `${text}\n`
    count++
  }
  return { ndjson, count }
}

/** Batches of events as one: NDJSON with ids when every batch is, else objects. */
export function concatEvents(batches: readonly UnitEvents[]): UnitEvents {
  if (batches.length > 0 && batches.every(isEncoded)) {
    return {
      ndjson: Buffer.concat(batches.map((batch) => batch.ndjson)),
      ids: batches.flatMap((batch) => batch.ids),
    }
  }
  return batches.flatMap(eventObjects)
}
