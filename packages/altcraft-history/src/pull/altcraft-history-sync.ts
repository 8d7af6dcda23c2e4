import { type AnyAdapter, createNormalizeRun } from '@evnorm/core'
import {
  CheckpointError,
  createUnitWriter,
  placeRejections,
  repeatUntilStopped,
  type SyncPageReport,
  type SyncSchedule,
  type SyncSummary,
} from '@evnorm/core/pull'
import type { Sink } from '@evnorm/core/sink'
import { altcraftHistoryAdapter } from '../altcraft-history-adapter.js'
import { ALTCRAFT_PAGE_LIMIT, type AltcraftClient } from './altcraft-client.js'
import { type AltcraftNextCursorReader, readAltcraftNextCursor } from './altcraft-next-cursor.js'

/** Where an Altcraft history sync resumes: a day, and the `from_id` of its next page. */
export interface AltcraftCheckpoint {
  /** The first day (`YYYY-MM-DD`, UTC) not yet read to its end. */
  readonly date: string
  /** The next page of that day, when a pass over it was cut short; null to read it from its start. */
  readonly fromId: string | null
}

/** Options of {@link syncAltcraftHistory}. */
export interface AltcraftSyncOptions extends SyncSchedule {
  readonly client: AltcraftClient
  readonly sink: Sink
  /** The checkpoint stream, `altcraft-history:list-<id>` by convention. */
  readonly stream: string
  /** The database (`list_id`). */
  readonly listId: number
  /** The first day to read when the stream has no checkpoint (`YYYY-MM-DD`; default 30 days before today). */
  readonly since?: string
  /** Days before the checkpoint's day read again on every catch-up (default 1). */
  readonly overlapDays?: number
  /** Records per request (default 1000). */
  readonly limit?: number
  /** How the next `from_id` is read (default {@link readAltcraftNextCursor}). */
  readonly nextCursor?: AltcraftNextCursorReader
  /** The adapter, e.g. `createAltcraftHistoryAdapter({ expandCount: true })`. */
  readonly adapter?: AnyAdapter
  /** Called after each page is handed to the sink. */
  readonly onPage?: (report: SyncPageReport) => void
  /** Called with each warning as it arises (they are in the summary too). */
  readonly onWarning?: (warning: string) => void
  /** The clock (default `() => new Date()`); "today" is its UTC date. */
  readonly now?: () => Date
}

const DAY_MS = 86_400_000

/**
 * Syncs `history_get_all` into a sink in day windows (`date_from` = `date_to` = the day, UTC),
 * from the checkpoint's day less `overlapDays` to today, each day paged by `from_id` until a
 * page is not full, is empty, or does not move the cursor (never loops). Each page's events,
 * rejections and checkpoint go in one `sink.write`; the checkpoint never moves back while
 * overlap days are read again, and today stays the checkpoint's day (read again next time).
 */
export async function syncAltcraftHistory(options: AltcraftSyncOptions): Promise<SyncSummary> {
  const { client, sink, stream, signal } = options
  const limit = options.limit ?? ALTCRAFT_PAGE_LIMIT
  const now = options.now ?? (() => new Date())
  const nextCursor = options.nextCursor ?? readAltcraftNextCursor
  const overlap = options.overlapDays ?? 1
  const warnings: string[] = []
  const stored = await sink.readCheckpoint(stream)
  let checkpoint = readAltcraftCheckpoint(stream, stored) ?? {
    date: options.since ?? isoDate(now().getTime() - 30 * DAY_MS),
    fromId: null,
  }
  let written = stored
  const writer = createUnitWriter(sink)
  const totals = { pages: 0, records: 0, events: 0, rejections: 0 }
  const run = createNormalizeRun(options.adapter ?? altcraftHistoryAdapter)

  const readDay = async (date: string, today: string) => {
    let fromId = date === checkpoint.date ? checkpoint.fromId : null
    for (;;) {
      if (signal?.aborted) return false
      const page = await client.readHistoryAll(
        {
          listId: options.listId,
          dateFrom: date,
          dateTo: date,
          limit,
          ...(fromId === null ? {} : { fromId }),
        },
        signal,
      )
      const result = run.push(page.envelope)
      if (!result.success) throw result.error
      const next = nextCursor(page.envelope, page.records)
      const done = page.records.length < limit || next === undefined || next === fromId
      if (date >= checkpoint.date) {
        checkpoint = done
          ? { date: date < today ? nextDate(date) : date, fromId: null }
          : { date, fromId: next ?? null }
      }
      const cursor = formatAltcraftCheckpoint(checkpoint)
      const position = `${date}${fromId === null ? '' : ` from_id=${fromId}`}`
      if (result.events.length > 0 || result.rejections.length > 0 || cursor !== written) {
        await writer.write({
          events: result.events,
          rejections: placeRejections(result.rejections, () => `date ${date}`),
          origin: stream,
          checkpoint: { stream, cursor },
        })
        written = cursor
      }
      totals.pages++
      totals.records += page.records.length
      totals.events += result.events.length
      totals.rejections += result.rejections.length
      options.onPage?.({
        stream,
        page: totals.pages,
        position,
        records: page.records.length,
        events: result.events.length,
        rejections: result.rejections.length,
        held: run.held.length,
        cursor,
      })
      if (page.records.length >= limit && next === fromId) {
        const warning = `${stream}: a full page of ${date} did not move from_id (${fromId}); went on to the next day`
        warnings.push(warning)
        options.onWarning?.(warning)
      }
      if (done) return true
      fromId = next ?? null
    }
  }

  const catchUp = async () => {
    const today = isoDate(now().getTime())
    const first = checkpoint.date
    for (let date = addDays(first, -overlap); date <= today; date = nextDate(date)) {
      if (!(await readDay(date, today))) return
    }
  }

  try {
    await repeatUntilStopped(catchUp, options)
  } finally {
    await writer.drain()
  }
  return {
    stream,
    ...client.counts,
    ...totals,
    ...writer.totals,
    held: run.held.length,
    cursor: written,
    warnings,
  }
}

/** The stored text of a checkpoint: `{"date":"YYYY-MM-DD","from_id":…}`. */
export function formatAltcraftCheckpoint(checkpoint: AltcraftCheckpoint): string {
  return JSON.stringify({ date: checkpoint.date, from_id: checkpoint.fromId })
}

/** Reads a stored checkpoint (undefined when there is none); throws `CheckpointError` for a foreign one. */
export function readAltcraftCheckpoint(
  stream: string,
  text: string | undefined,
): AltcraftCheckpoint | undefined {
  if (text === undefined) return undefined
  let value: { date?: unknown; from_id?: unknown } | undefined
  try {
    value = JSON.parse(text) as typeof value
  } catch {
    value = undefined
  }
  if (
    typeof value?.date !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(value.date) ||
    !(value.from_id === null || typeof value.from_id === 'string')
  ) {
    throw new CheckpointError({
      stream,
      problem: `'${text}' is not an Altcraft history checkpoint`,
    })
  }
  return { date: value.date, fromId: value.from_id }
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function addDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS)
}

function nextDate(date: string): string {
  return addDays(date, 1)
}
