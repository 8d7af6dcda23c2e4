import {
  type EmulatorAnswer,
  type EmulatorRequest,
  type EmulatorServer,
  type ScheduledFault,
  startEmulatorServer,
  type TransportFault,
} from '@evnorm/core/emulator'

/** A record of the emulated history: any documented fields, with at least these. */
export interface AltcraftEmulatorRecord {
  /** The profile's xxhash (16 hex digits). */
  readonly xxh: string
  /** RFC 3339 UTC, e.g. `2025-10-26T01:30:12Z`. */
  readonly datetime: string
  readonly [field: string]: unknown
}

/** A fault only Altcraft has. */
export type AltcraftFault =
  /** Answers with an error envelope, e.g. `{"error":402,"error_text":"Tariff limit reached"}`. */
  | { readonly kind: 'vendor-error'; readonly error: number; readonly errorText: string }
  /** Adds records before answering (actions logged while a sync runs). */
  | { readonly kind: 'append'; readonly records: readonly AltcraftEmulatorRecord[] }

/** Options of {@link startAltcraftEmulator}. */
export interface AltcraftEmulatorOptions {
  /** The history at start. */
  readonly records?: readonly AltcraftEmulatorRecord[]
  /** Faults by request number (every request counts, from 1). */
  readonly faults?: readonly ScheduledFault<TransportFault | AltcraftFault>[]
  /** The token it accepts (default `emulator-token`). */
  readonly token?: string
  /** The database it serves (default 1); another `list_id` gets an empty history. */
  readonly listId?: number
  /**
   * An envelope field to carry the next page's `from_id` in (default none, as the vendor
   * pages show none): tests of a cursor reading that takes it from the answer.
   */
  readonly nextCursorField?: string
}

/** A running Altcraft emulator. */
export interface AltcraftEmulator extends EmulatorServer {
  /** Base URL for `ALTCRAFT_BASE_URL`. */
  readonly url: string
  /** Adds records, as Altcraft would log new actions. */
  append(records: readonly AltcraftEmulatorRecord[]): void
}

interface StoredRecord {
  readonly record: AltcraftEmulatorRecord
  /** `<xxh>.<YYYYMMDDhhmmss>`: the page order, and what a `from_id` points at. */
  readonly key: string
  readonly date: string
}

/**
 * Starts an emulator of Altcraft's `history_get_all` and `history_get` on 127.0.0.1: JSON
 * POST bodies, the token as `Authorization: Bearer` or in the body (a token in the URL is
 * refused with error 400), `list_id`, the required `date_from`/`date_to` (UTC days, both
 * inclusive), records ordered by profile (`xxh`) then time and paged by `limit` records from
 * `from_id` = `<xxh>.<YYYYMMDD[hhmmss]>` (inclusive), envelopes `{data, error, error_text}`
 * with `error` 401 for a wrong token, and the scheduled faults.
 */
export async function startAltcraftEmulator(
  options: AltcraftEmulatorOptions = {},
): Promise<AltcraftEmulator> {
  const history: StoredRecord[] = []
  const append = (records: readonly AltcraftEmulatorRecord[]) => {
    for (const record of records) {
      const digits = record.datetime.slice(0, 19).replace(/[-T:]/g, '')
      history.push({ record, key: `${record.xxh}.${digits}`, date: record.datetime.slice(0, 10) })
    }
    history.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }
  append(options.records ?? [])
  const token = options.token ?? 'emulator-token'
  const listId = options.listId ?? 1
  const answer = (request: EmulatorRequest, fault: AltcraftFault | undefined): EmulatorAnswer => {
    if (fault?.kind === 'append') append(fault.records)
    const method = /^\/api\/v1\.1\/subscribers\/(history_get_all|history_get)$/.exec(
      request.url.pathname,
    )?.[1]
    if (request.method !== 'POST' || method === undefined)
      return envelope(400, 'Incorrect request', 404)
    if (request.url.searchParams.has('token'))
      return envelope(400, 'a token in the URL is not supported')
    let body: Record<string, unknown>
    try {
      body = JSON.parse(request.body) as Record<string, unknown>
    } catch {
      return envelope(400, 'Incorrect request')
    }
    const given = request.headers.authorization?.replace(/^Bearer /, '') ?? body.token
    if (given !== token) return envelope(401, 'API token required')
    if (fault?.kind === 'vendor-error') return envelope(fault.error, fault.errorText)
    const dateFrom = typeof body.date_from === 'string' ? body.date_from : undefined
    const dateTo = typeof body.date_to === 'string' ? body.date_to : undefined
    const inList = body.list_id === listId
    if (method === 'history_get') {
      const data = history.filter(
        (stored) =>
          inList &&
          (stored.record.xxh === body.xxh ||
            (body.xxh === undefined && stored.record.email === body.email)) &&
          (dateFrom === undefined || stored.date >= dateFrom) &&
          (dateTo === undefined || stored.date <= dateTo),
      )
      return success(data.map((stored) => stored.record))
    }
    if (dateFrom === undefined || dateTo === undefined)
      return envelope(400, 'date_from and date_to are required')
    const limit = typeof body.limit === 'number' && body.limit > 0 ? body.limit : 1000
    const fromId = typeof body.from_id === 'string' ? body.from_id : ''
    const matching = history.filter(
      (stored) =>
        inList && stored.date >= dateFrom && stored.date <= dateTo && stored.key >= fromId,
    )
    const data = matching.slice(0, limit).map((stored) => stored.record)
    const next = matching[limit]?.key
    return success(
      data,
      options.nextCursorField === undefined ? {} : { [options.nextCursorField]: next ?? '' },
    )
  }
  const server = await startEmulatorServer<AltcraftFault>({
    answer,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  })
  return { ...server, requests: server.requests, append }
}

function success(data: readonly unknown[], extra: Record<string, unknown> = {}): EmulatorAnswer {
  return {
    status: 200,
    body: JSON.stringify({ data, error: 0, error_text: 'Successful operation', ...extra }),
  }
}

function envelope(error: number, errorText: string, status = 200): EmulatorAnswer {
  return { status, body: JSON.stringify({ error, error_text: errorText }) }
}
