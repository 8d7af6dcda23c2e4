import { eventId } from '../helpers/event-id.js'

/** How many recent content-keyed records an occurrence count looks back over. */
export const OCCURRENCE_WINDOW = 100_000

/**
 * Numbers repeats of content-derived ids over the last {@link OCCURRENCE_WINDOW} content-keyed
 * records of a run, so identical records become occurrence 1, 2, 3… deterministically in batch
 * and streaming runs alike, with bounded memory. An id keeps counting up while any of its
 * occurrences is inside the window, so a number is never given twice to records less than a
 * window apart; it starts again at 1 when the id recurs a whole window or more after its last
 * occurrence.
 */
export class OccurrenceWindow {
  readonly #size: number
  /** Per id: the last number given and the position of its last occurrence. */
  readonly #ids = new Map<string, { count: number; last: number }>()
  readonly #ring: string[] = []
  #position = 0

  /** `size`: how many records the window holds (tests use small windows). */
  constructor(size = OCCURRENCE_WINDOW) {
    this.#size = size
  }

  /** Records `id` and returns its occurrence number within the window (1 for the first). */
  occurrence(id: string): number {
    const slot = this.#position % this.#size
    if (this.#position >= this.#size) {
      const evicted = this.#ring[slot] as string
      if (this.#ids.get(evicted)?.last === this.#position - this.#size) this.#ids.delete(evicted)
    }
    this.#ring[slot] = id
    const seen = this.#ids.get(id)
    const count = (seen?.count ?? 0) + 1
    if (seen === undefined) this.#ids.set(id, { count, last: this.#position })
    else {
      seen.count = count
      seen.last = this.#position
    }
    this.#position++
    return count
  }
}

/**
 * The id of the n-th (n ≥ 2) occurrence of an identical content-keyed record:
 * `eventId(feed, ['#occurrence', firstId, String(n)])`.
 */
export function occurrenceId(feed: string, firstId: string, occurrence: number): string {
  return eventId(feed, ['#occurrence', firstId, String(occurrence)])
}
