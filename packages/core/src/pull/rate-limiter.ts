import { setTimeout as sleep } from 'node:timers/promises'

/** Spaces requests out so that no more than the configured number start in any second. */
export interface RateLimiter {
  /** Resolves when the next request may start (rejects with an `AbortError` on `signal`). */
  take(signal?: AbortSignal): Promise<void>
}

/**
 * A limiter that starts requests evenly, `1000 / requestsPerSecond` ms apart plus 1% (so the
 * vendor, seeing arrivals with some jitter, still counts at most `requestsPerSecond` in any
 * second). `Infinity` never waits.
 * Throws RangeError unless `requestsPerSecond` is a positive number.
 */
export function createRateLimiter(requestsPerSecond: number): RateLimiter {
  if (!(requestsPerSecond > 0)) {
    throw new RangeError(`requestsPerSecond must be positive, got ${requestsPerSecond}`)
  }
  const interval = (1000 / requestsPerSecond) * 1.01
  let next = 0
  return {
    async take(signal) {
      const now = performance.now()
      const at = Math.max(now, next)
      next = at + interval
      if (at > now) await sleep(at - now, undefined, signal ? { signal } : {})
    },
  }
}
