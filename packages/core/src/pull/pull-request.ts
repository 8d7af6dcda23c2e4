import { setTimeout as sleep } from 'node:timers/promises'
import { PullAuthError, PullRequestError } from './pull-errors.js'
import type { RateLimiter } from './rate-limiter.js'
import type { RequestCounts } from './sync-report.js'

/** When and how long to wait before trying a failed request again. */
export interface RetryPolicy {
  /** Attempts per request, the first one included (default 6). */
  readonly attempts: number
  /** Backoff before the first retry, in ms (default 500); doubled for each further retry. */
  readonly baseDelayMs: number
  /** The longest backoff, in ms (default 30,000); also caps a `Retry-After`. */
  readonly maxDelayMs: number
  /** Time allowed for one attempt, answer and body, in ms (default 60,000). */
  readonly timeoutMs: number
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 60_000,
}

/**
 * The backoff before retry `retry` (0 for the first): exponential, capped at `maxDelayMs`, with
 * "equal jitter" (uniform in the upper half), so clients that failed together spread out.
 */
export function backoffDelay(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return ceiling / 2 + (random() * ceiling) / 2
}

/**
 * How a caller read a response body: its value, why the attempt should be made again (e.g. a
 * body cut off), or why the request failed for good. `read` may also throw a typed error.
 */
export type BodyReading<T> =
  | { readonly value: T }
  | { readonly retry: string }
  | { readonly fail: string }

/** One HTTP request of a pull client. */
export interface PullRequestOptions<T> {
  /** The vendor, for messages (e.g. `smaily`). */
  readonly vendor: string
  /** What the request is, for messages, without secrets (e.g. `GET /api/history.php?…`). */
  readonly what: string
  readonly url: string
  readonly method: 'GET' | 'POST'
  /** Headers, credentials included: they go to the vendor and nowhere else. */
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /** Reads the body of any answer that is not retried or refused by its status. */
  readonly read: (text: string, status: number) => BodyReading<T>
  readonly limiter: RateLimiter
  readonly retry: RetryPolicy
  /** Aborts a backoff wait or a wait for the rate limiter, never a request in flight. */
  readonly signal?: AbortSignal
  /** Counted up: requests sent (every attempt) and retries. */
  readonly counts?: RequestCounts
  /** Called before each retry, with why and how long it waits. */
  readonly onRetry?: (problem: string, delayMs: number) => void
}

const RETRIED_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504])

/**
 * Sends a request through the rate limiter, retrying 408, 429 and 5xx answers, network errors,
 * timeouts and bodies the caller cannot read (e.g. cut off), with {@link backoffDelay} (or
 * the vendor's `Retry-After`, capped). 401 and 403 throw {@link PullAuthError} at once; other
 * statuses go to `read`. Throws {@link PullRequestError} when the attempts run out.
 */
export async function pullRequest<T>(options: PullRequestOptions<T>): Promise<T> {
  const { retry, signal } = options
  let problem = ''
  let retryAfterMs = 0
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    if (attempt > 1) {
      const delay = Math.min(
        retry.maxDelayMs,
        Math.max(backoffDelay(attempt - 2, retry), retryAfterMs),
      )
      if (options.counts) options.counts.retries++
      options.onRetry?.(problem, delay)
      await sleep(delay, undefined, signal ? { signal } : {})
    }
    await options.limiter.take(signal)
    if (options.counts) options.counts.requests++
    const outcome = await attemptOnce(options)
    if ('value' in outcome) return outcome.value
    if ('fail' in outcome) {
      throw new PullRequestError({ ...options, attempts: attempt, problem: outcome.fail })
    }
    problem = outcome.problem
    retryAfterMs = outcome.retryAfterMs
  }
  throw new PullRequestError({
    vendor: options.vendor,
    what: options.what,
    attempts: retry.attempts,
    problem,
  })
}

type Attempt<T> =
  | { readonly value: T }
  | { readonly fail: string }
  | { readonly problem: string; readonly retryAfterMs: number }

async function attemptOnce<T>(options: PullRequestOptions<T>): Promise<Attempt<T>> {
  let response: Response
  let text: string
  try {
    response = await fetch(options.url, {
      method: options.method,
      headers: options.headers,
      ...(options.body === undefined ? {} : { body: options.body }),
      redirect: 'error',
      signal: AbortSignal.timeout(options.retry.timeoutMs),
    })
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel()
      throw new PullAuthError({
        vendor: options.vendor,
        code: `HTTP ${response.status}`,
        detail: '',
      })
    }
    if (RETRIED_STATUSES.has(response.status)) {
      await response.body?.cancel()
      return { problem: `HTTP ${response.status}`, retryAfterMs: retryAfter(response) }
    }
    text = await response.text()
  } catch (error) {
    if (PullAuthError.isInstance(error)) throw error
    return { problem: networkProblem(error), retryAfterMs: 0 }
  }
  const reading = options.read(text, response.status)
  return 'retry' in reading ? { problem: reading.retry, retryAfterMs: 0 } : reading
}

/** `Retry-After` in ms: delay-seconds or an HTTP date; 0 when absent or unreadable. */
function retryAfter(response: Response): number {
  const header = response.headers.get('retry-after')
  if (header === null) return 0
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now())
}

function networkProblem(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no complete answer in time'
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : ''
  return `${error instanceof Error ? error.message : String(error)}${code}`
}
