import { parseJsonLossless } from '@evnorm/core/adapter'
import {
  type BodyReading,
  createRateLimiter,
  DEFAULT_RETRY_POLICY,
  PullAuthError,
  pullRequest,
  type RequestCounts,
  type RetryPolicy,
} from '@evnorm/core/pull'
import { parseAltcraftHistory } from '../altcraft-history-parse.js'

/** Requests per second when none is configured (Altcraft documents no limit; be polite). */
export const ALTCRAFT_REQUESTS_PER_SECOND = 5

/** Altcraft's default `limit` of `history_get_all`. */
export const ALTCRAFT_PAGE_LIMIT = 1000

/** The host of Altcraft's cloud accounts; on-premises installs use their own. */
export const ALTCRAFT_CLOUD_URL = 'https://ru.altkraft.com'

/** Options of {@link createAltcraftClient}. */
export interface AltcraftClientOptions {
  /** The Altcraft host, e.g. `https://ru.altkraft.com` or your install's (requests go to `<baseUrl>/api/v1.1/subscribers/…`). */
  readonly baseUrl: string
  /** The API token. Sent only as `Authorization: Bearer …`, never in a URL or body. */
  readonly token: string
  /** Requests started per second at most, retries included (default 5). */
  readonly requestsPerSecond?: number
  /** Retry policy; unset fields keep core's `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>
  /** Called before each retry, with why and how long it waits. */
  readonly onRetry?: (problem: string, delayMs: number) => void
}

/** One `history_get_all` request. */
export interface AltcraftHistoryAllRequest {
  /** The database (`list_id`). */
  readonly listId: number
  /** First day, `YYYY-MM-DD`. */
  readonly dateFrom: string
  /** Last day, `YYYY-MM-DD`. */
  readonly dateTo: string
  /** The page cursor; absent for the first page. */
  readonly fromId?: string
  /** Page size (default 1000). */
  readonly limit?: number
}

/** One `history_get` request: a profile by `xxh`, or by a matching mode and its fields. */
export type AltcraftProfileHistoryRequest = {
  readonly listId: number
  readonly dateFrom?: string
  readonly dateTo?: string
} & (
  | { readonly xxh: string }
  | {
      /** E.g. `email` with `{ email }`, `phone` with `{ phone }`, `custom` with `{ field_name, field_value }`. */
      readonly matching: string
      readonly fields: Readonly<Record<string, string | number>>
    }
)

/** A successful answer: the envelope as parsed, and its records. */
export interface AltcraftPage {
  /** The whole envelope (`{data, error, error_text, …}`), for reading a next-page field. */
  readonly envelope: Readonly<Record<string, unknown>>
  /** `data`. */
  readonly records: readonly unknown[]
}

/** A client of Altcraft's action history API. */
export interface AltcraftClient {
  /** `POST /api/v1.1/subscribers/history_get_all`: one page of many profiles' history. */
  readHistoryAll(request: AltcraftHistoryAllRequest, signal?: AbortSignal): Promise<AltcraftPage>
  /** `POST /api/v1.1/subscribers/history_get`: one profile's history. */
  readProfileHistory(
    request: AltcraftProfileHistoryRequest,
    signal?: AbortSignal,
  ): Promise<AltcraftPage>
  /** Requests and retries so far. */
  readonly counts: Readonly<RequestCounts>
}

/**
 * An Altcraft history client: JSON requests with the token as a Bearer header, a client-side
 * rate limit, retries of 429, 5xx, network errors and cut-off bodies with backoff and jitter.
 * An error envelope throws at once: `PullAuthError` for `error` 401 (or HTTP 401/403), core's
 * `VendorErrorEnvelopeError` for any other code (402 tariff limit, 400, 403…).
 */
export function createAltcraftClient(options: AltcraftClientOptions): AltcraftClient {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/api/v1.1/subscribers`
  const limiter = createRateLimiter(options.requestsPerSecond ?? ALTCRAFT_REQUESTS_PER_SECOND)
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry }
  const counts: RequestCounts = { requests: 0, retries: 0 }
  const post = (method: string, body: Record<string, unknown>, signal: AbortSignal | undefined) =>
    pullRequest({
      vendor: 'altcraft',
      what: `POST /api/v1.1/subscribers/${method} ${JSON.stringify(body)}`,
      url: `${base}/${method}`,
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ format: 'json', ...body }),
      read: readEnvelope,
      limiter,
      retry,
      counts,
      ...(signal === undefined ? {} : { signal }),
      ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    })
  return {
    readHistoryAll: (request, signal) =>
      post(
        'history_get_all',
        {
          list_id: request.listId,
          date_from: request.dateFrom,
          date_to: request.dateTo,
          limit: request.limit ?? ALTCRAFT_PAGE_LIMIT,
          ...(request.fromId === undefined ? {} : { from_id: request.fromId }),
        },
        signal,
      ),
    readProfileHistory: (request, signal) =>
      post(
        'history_get',
        {
          list_id: request.listId,
          ...('xxh' in request
            ? { xxh: request.xxh }
            : { matching: request.matching, ...request.fields }),
          ...(request.dateFrom === undefined ? {} : { date_from: request.dateFrom }),
          ...(request.dateTo === undefined ? {} : { date_to: request.dateTo }),
        },
        signal,
      ),
    counts,
  }
}

function readEnvelope(text: string, status: number): BodyReading<AltcraftPage> {
  const parsed = parseJsonLossless(text)
  if (!parsed.success) {
    return status >= 200 && status < 300
      ? { retry: `the answer is not complete JSON (${parsed.message})` }
      : { fail: `HTTP ${status}, and the body is not JSON` }
  }
  const envelope = parsed.value
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    return { fail: `HTTP ${status}, and the body is not a history envelope` }
  }
  const result = parseAltcraftHistory(envelope, { format: 'json' })
  if (!result.success) {
    const { error } = result
    if ('code' in error && error.code === '401') {
      throw new PullAuthError({
        vendor: 'altcraft',
        code: 'error 401',
        detail: String((envelope as { error_text?: unknown }).error_text ?? ''),
      })
    }
    throw error
  }
  return { value: { envelope: envelope as Record<string, unknown>, records: result.records } }
}
