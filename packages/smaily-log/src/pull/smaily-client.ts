import { parseJsonLossless } from '@evnorm/core/adapter'
import {
  type BodyReading,
  createRateLimiter,
  DEFAULT_RETRY_POLICY,
  pullRequest,
  type RequestCounts,
  type RetryPolicy,
} from '@evnorm/core/pull'
import { parseSmailyHistory } from '../smaily-parse.js'

/** Smaily's documented limit: 5 requests per second per IP address. */
export const SMAILY_REQUESTS_PER_SECOND = 5

/** The largest `limit` history.php accepts, and its page size in time-window mode. */
export const SMAILY_PAGE_LIMIT = 10_000

/** Options of {@link createSmailyClient}. */
export interface SmailyClientOptions {
  /**
   * `https://<subdomain>.sendsmaily.net`, or another base URL (a proxy, an emulator): requests
   * go to `<baseUrl>/api/history.php`.
   */
  readonly baseUrl: string
  /** The API user (HTTP Basic auth). */
  readonly username: string
  /** The API user's password. Sent only in the `Authorization` header. */
  readonly password: string
  /** Requests started per second at most, retries included (default 5). */
  readonly requestsPerSecond?: number
  /** Retry policy; unset fields keep {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: Partial<RetryPolicy>
  /** Called before each retry, with why and how long it waits. */
  readonly onRetry?: (problem: string, delayMs: number) => void
}

/** A time window of history.php, in Unix seconds (UTC). */
export interface SmailyWindow {
  readonly startAt: number
  readonly endAt: number
}

/** A client of Smaily's `GET /api/history.php`. */
export interface SmailyClient {
  /**
   * Cursor mode: up to `limit` rows logged after `sinceSeqId` (a decimal string; `'0'` for the
   * oldest kept), in `seq_id` order. `seq_id`s above 2^53 arrive as exact decimal strings.
   */
  readCursorPage(sinceSeqId: string, limit: number, signal?: AbortSignal): Promise<unknown[]>
  /**
   * Time-window mode: page `offset` (from 0, {@link SMAILY_PAGE_LIMIT} rows a page) of the rows
   * logged in the window. These rows carry no `seq_id`.
   */
  readWindowPage(window: SmailyWindow, offset: number, signal?: AbortSignal): Promise<unknown[]>
  /** Requests and retries so far. */
  readonly counts: Readonly<RequestCounts>
}

/**
 * A history.php client: HTTP Basic auth, a client-side rate limit, retries of 429, 5xx,
 * network errors and cut-off bodies with backoff and jitter. A vendor error object
 * (`{"code": 227, …}`) throws core's `VendorErrorEnvelopeError` and 401/403 a `PullAuthError`,
 * both at once; `PullRequestError` when the retries run out. Messages never hold the password.
 */
export function createSmailyClient(options: SmailyClientOptions): SmailyClient {
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/api/history.php`
  const limiter = createRateLimiter(options.requestsPerSecond ?? SMAILY_REQUESTS_PER_SECOND)
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry }
  const authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`
  const counts: RequestCounts = { requests: 0, retries: 0 }
  const get = async (query: string, signal: AbortSignal | undefined): Promise<unknown[]> => {
    const url = `${endpoint}?${query}`
    return pullRequest({
      vendor: 'smaily',
      what: `GET ${url}`,
      url,
      method: 'GET',
      headers: { authorization, accept: 'application/json' },
      read: readHistoryBody,
      limiter,
      retry,
      counts,
      ...(signal === undefined ? {} : { signal }),
      ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    })
  }
  return {
    readCursorPage: (sinceSeqId, limit, signal) =>
      get(`since_seq_id=${sinceSeqId}&limit=${limit}`, signal),
    readWindowPage: ({ startAt, endAt }, offset, signal) =>
      get(`start_at=${startAt}&end_at=${endAt}&offset=${offset}`, signal),
    counts,
  }
}

/**
 * A history.php body: rows (an array), or a vendor error object thrown as a typed error. A body
 * that is not JSON is retried when the status was 2xx (an answer cut off), an error otherwise.
 */
function readHistoryBody(text: string, status: number): BodyReading<unknown[]> {
  const parsed = parseJsonLossless(text)
  if (!parsed.success) {
    return status >= 200 && status < 300
      ? { retry: `the answer is not complete JSON (${parsed.message})` }
      : { fail: `HTTP ${status}, and the body is not JSON` }
  }
  if (Array.isArray(parsed.value)) return { value: parsed.value }
  const result = parseSmailyHistory(parsed.value, { format: 'json' })
  if (!result.success) throw result.error
  return { fail: `HTTP ${status}, and the body is one row object instead of an array` }
}
