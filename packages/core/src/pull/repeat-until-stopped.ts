import { setTimeout as sleep } from 'node:timers/promises'

/** How a sync runs: once, or polling. */
export interface SyncSchedule {
  /** Poll again this long after each catch-up, until `signal` aborts (absent: catch up once). */
  readonly follow?: { readonly intervalMs: number }
  /**
   * Stops the sync: the page in hand is finished (stored with its checkpoint), no further
   * request starts, and waits (backoff, rate limit, interval) end at once.
   */
  readonly signal?: AbortSignal
}

/**
 * Runs `catchUp` once, or again every `follow.intervalMs` until `signal` aborts. An abort
 * (an `AbortError` while `signal` is aborted) ends it quietly; other errors are thrown.
 */
export async function repeatUntilStopped(
  catchUp: () => Promise<void>,
  { follow, signal }: SyncSchedule,
): Promise<void> {
  try {
    for (;;) {
      await catchUp()
      if (follow === undefined || signal?.aborted) return
      await sleep(follow.intervalMs, undefined, signal ? { signal } : {})
    }
  } catch (error) {
    if (signal?.aborted && error instanceof Error && error.name === 'AbortError') return
    throw error
  }
}
