import { eventId } from '../helpers/event-id.js'

/** How many recent content-keyed records an occurrence count looks back over. */
export const OCCURRENCE_WINDOW = 100_000

/**
 * Counts repeats of content-derived ids over the last {@link OCCURRENCE_WINDOW} content-keyed
 * records of a run, so identical records become occurrence 1, 2, 3… deterministically in batch
 * and streaming runs alike, with bounded memory.
 */
export class OccurrenceWindow {
  readonly #counts = new Map<string, number>()
  readonly #ring: string[] = []
  #next = 0

  /** Records `id` and returns its occurrence number within the window (1 for the first). */
  occurrence(id: string): number {
    const evicted = this.#ring.length === OCCURRENCE_WINDOW ? this.#ring[this.#next] : undefined
    if (evicted !== undefined) {
      const left = (this.#counts.get(evicted) ?? 1) - 1
      if (left === 0) this.#counts.delete(evicted)
      else this.#counts.set(evicted, left)
    }
    this.#ring[this.#next] = id
    this.#next = (this.#next + 1) % OCCURRENCE_WINDOW
    const count = (this.#counts.get(id) ?? 0) + 1
    this.#counts.set(id, count)
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
