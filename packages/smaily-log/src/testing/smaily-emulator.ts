import { createLocalTimeConverter } from '@evnorm/core/adapter'
import {
  type EmulatorAnswer,
  type EmulatorRequest,
  type EmulatorServer,
  type ScheduledFault,
  startEmulatorServer,
  type TransportFault,
} from '@evnorm/core/emulator'

/** A row of the emulated action log, as Smaily logs it. */
export interface SmailyEmulatorRow {
  /** The sequence number (a bigint or decimal string for values above 2^53), sent as a bare JSON number. */
  readonly seq_id: bigint | number | string
  readonly email: string
  /** `YYYY-MM-DD HH:MM:SS`, Europe/Tallinn wall-clock time. */
  readonly time: string
  readonly campaign_id: number | null
  readonly campaign_name: string | null
  readonly action: string
  readonly value: string
}

/** A fault only Smaily has. */
export type SmailyFault =
  /** Answers HTTP 200 with a vendor error object, e.g. `{"code":227,"message":"…"}`. */
  | { readonly kind: 'vendor-error'; readonly code: number; readonly message: string }
  /** Appends rows to the log before answering (rows logged while a sync runs). */
  | { readonly kind: 'append'; readonly rows: readonly SmailyEmulatorRow[] }

/** Options of {@link startSmailyEmulator}. */
export interface SmailyEmulatorOptions {
  /** The log at start, in any order (served in `seq_id` order). */
  readonly rows?: readonly SmailyEmulatorRow[]
  /** Faults by request number (every request counts, from 1). */
  readonly faults?: readonly ScheduledFault<TransportFault | SmailyFault>[]
  /** The API user it accepts (default `emulator-user`). */
  readonly username?: string
  /** The password it accepts (default `emulator-password`); anything else gets HTTP 401. */
  readonly password?: string
  /** Rows per page in time-window mode (default 10,000, as Smaily). */
  readonly windowPageSize?: number
}

/** A running Smaily emulator. */
export interface SmailyEmulator extends EmulatorServer {
  /** Base URL for `SMAILY_BASE_URL` (requests go to `/api/history.php`). */
  readonly url: string
  /** Appends rows to the log, as Smaily would log new actions. */
  append(rows: readonly SmailyEmulatorRow[]): void
  /** The log, in `seq_id` order. */
  readonly rows: readonly SmailyEmulatorRow[]
}

interface StoredRow {
  readonly row: SmailyEmulatorRow
  readonly seq: bigint
  readonly epoch: number
}

const tallinn = createLocalTimeConverter('Europe/Tallinn')

/**
 * Starts an emulator of Smaily's `GET /api/history.php` on 127.0.0.1: HTTP Basic auth, cursor
 * mode (`since_seq_id` with a required `limit`, capped at 10,000, rows after the cursor in
 * `seq_id` order, `seq_id` as bare JSON numbers of any size), time-window mode (`start_at` and
 * `end_at` in Unix seconds, both inclusive, `offset` pages of `windowPageSize` rows in time
 * order, no `seq_id`), error objects `{"code","message"}` for bad requests, JSON served as
 * `text/html` as Smaily does, and the scheduled faults.
 */
export async function startSmailyEmulator(
  options: SmailyEmulatorOptions = {},
): Promise<SmailyEmulator> {
  const log: StoredRow[] = []
  const append = (rows: readonly SmailyEmulatorRow[]) => {
    for (const row of rows) {
      const converted = tallinn.convert(row.time)
      log.push({
        row,
        seq: BigInt(row.seq_id),
        epoch: converted.success ? converted.instant.epochMs / 1000 : Number.NaN,
      })
    }
    log.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))
  }
  append(options.rows ?? [])
  const expected = `Basic ${Buffer.from(`${options.username ?? 'emulator-user'}:${options.password ?? 'emulator-password'}`).toString('base64')}`
  const pageSize = options.windowPageSize ?? 10_000
  const answer = (request: EmulatorRequest, fault: SmailyFault | undefined): EmulatorAnswer => {
    if (fault?.kind === 'append') append(fault.rows)
    if (request.url.pathname !== '/api/history.php') return html(404, 'Not Found')
    if (request.headers.authorization !== expected) return html(401, 'Unauthorized')
    if (fault?.kind === 'vendor-error') return errorObject(fault.code, fault.message)
    const query = request.url.searchParams
    const since = query.get('since_seq_id')
    const limit = query.get('limit')
    if (since !== null) {
      if (query.has('start_at') || query.has('end_at') || query.has('offset')) {
        return errorObject(203, 'since_seq_id cannot be combined with start_at, end_at or offset')
      }
      if (!/^[0-9]+$/.test(since) || limit === null || !/^[0-9]+$/.test(limit)) {
        return errorObject(203, 'since_seq_id and limit must be numbers')
      }
      const after = BigInt(since)
      const count = Math.min(Number(limit) || 10_000, 10_000)
      const rows: string[] = []
      for (const stored of log) {
        if (stored.seq <= after) continue
        rows.push(rowJson(stored.row, true))
        if (rows.length === count) break
      }
      return page(rows)
    }
    const startAt = Number(query.get('start_at'))
    const endAt = Number(query.get('end_at'))
    if (!query.has('start_at') || !query.has('end_at'))
      return errorObject(223, 'start_at and end_at are required')
    if (endAt < startAt) return errorObject(224, 'end_at is before start_at')
    const offset = Number(query.get('offset') ?? 0)
    const rows = log
      .filter((stored) => stored.epoch >= startAt && stored.epoch <= endAt)
      .sort((a, b) => a.epoch - b.epoch)
      .slice(offset * pageSize, (offset + 1) * pageSize)
      .map((stored) => rowJson(stored.row, false))
    return page(rows)
  }
  const server = await startEmulatorServer<SmailyFault>({
    answer,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  })
  return {
    ...server,
    get requests() {
      return server.requests
    },
    append,
    get rows() {
      return log.map((stored) => stored.row)
    },
  }
}

function rowJson(row: SmailyEmulatorRow, withSeqId: boolean): string {
  const { seq_id, ...rest } = row
  const body = JSON.stringify(rest)
  return withSeqId ? `{"seq_id":${BigInt(seq_id)},${body.slice(1)}` : body
}

function page(rows: readonly string[]): EmulatorAnswer {
  return { status: 200, body: `[${rows.join(',')}]`, contentType: 'text/html; charset=UTF-8' }
}

function errorObject(code: number, message: string): EmulatorAnswer {
  return {
    status: 200,
    body: JSON.stringify({ code, message }),
    contentType: 'text/html; charset=UTF-8',
  }
}

function html(status: number, text: string): EmulatorAnswer {
  return {
    status,
    body: `<html><body>${text}</body></html>`,
    contentType: 'text/html; charset=UTF-8',
  }
}
