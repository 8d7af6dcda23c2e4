import { type AnyAdapter, createNormalizeRun } from '@evnorm/core'
import {
  CheckpointError,
  createUnitWriter,
  placeRejections,
  type SyncPageReport,
  type SyncSummary,
} from '@evnorm/core/pull'
import type { Sink } from '@evnorm/core/sink'
import { smailyLogAdapter } from '../smaily-adapter.js'
import { SMAILY_PAGE_LIMIT, type SmailyClient, type SmailyWindow } from './smaily-client.js'

/** Options of {@link syncSmailyWindow}. */
export interface SmailyWindowSyncOptions {
  readonly client: SmailyClient
  readonly sink: Sink
  /** The checkpoint stream of this backfill, e.g. `smaily:acme:window`. */
  readonly stream: string
  /** The window, in Unix seconds (UTC). */
  readonly window: SmailyWindow
  /** Rows per page Smaily sends in window mode (default 10,000; a full page means read on). */
  readonly pageSize?: number
  /** The adapter (default `smailyLogAdapter`). */
  readonly adapter?: AnyAdapter
  /** Stops after the page in hand. */
  readonly signal?: AbortSignal
  /** Called after each page is handed to the sink. */
  readonly onPage?: (report: SyncPageReport) => void
}

/**
 * Time-window backfill: reads pages `offset=0, 1, …` of the window until one is not full and
 * stores each page's events, rejections and `{"start_at","end_at","next_offset"}` in one
 * `sink.write`, so a backfill stopped midway resumes at its next page (a stored checkpoint of
 * another window starts over). Window rows carry no `seq_id`: their ids are content keys,
 * unlike cursor mode's (see the package README on combining the two).
 */
export async function syncSmailyWindow(options: SmailyWindowSyncOptions): Promise<SyncSummary> {
  const { client, sink, stream, window, signal } = options
  const pageSize = options.pageSize ?? SMAILY_PAGE_LIMIT
  const run = createNormalizeRun(options.adapter ?? smailyLogAdapter)
  const writer = createUnitWriter(sink)
  let offset = resumeOffset(stream, window, await sink.readCheckpoint(stream))
  let cursor: string | undefined
  const totals = { pages: 0, records: 0, events: 0, rejections: 0 }
  try {
    for (let full = offset !== undefined; full && offset !== undefined && !signal?.aborted; ) {
      const rows = await client.readWindowPage(window, offset, signal)
      full = rows.length >= pageSize
      const result = run.push(rows)
      if (!result.success) throw result.error
      const settled = full ? result : merge(result, run.end())
      const position = `start_at=${window.startAt} end_at=${window.endAt} offset=${offset}`
      cursor = JSON.stringify({
        start_at: window.startAt,
        end_at: window.endAt,
        next_offset: full ? offset + 1 : null,
      })
      await writer.write({
        events: settled.events,
        rejections: placeRejections(
          settled.rejections,
          (rejection) => `${position} ${rejection.locator}`,
        ),
        origin: stream,
        checkpoint: { stream, cursor },
      })
      totals.pages++
      totals.records += rows.length
      totals.events += settled.events.length
      totals.rejections += settled.rejections.length
      options.onPage?.({
        stream,
        page: totals.pages,
        position,
        records: rows.length,
        events: settled.events.length,
        rejections: settled.rejections.length,
        held: run.held.length,
        cursor,
      })
      offset++
    }
  } catch (error) {
    if (!(signal?.aborted && error instanceof Error && error.name === 'AbortError')) throw error
  } finally {
    await writer.drain()
  }
  return { stream, ...client.counts, ...totals, ...writer.totals, held: 0, cursor, warnings: [] }
}

function merge<T extends { events: readonly unknown[]; rejections: readonly unknown[] }>(
  a: T,
  b: T,
): T {
  return {
    ...a,
    events: [...a.events, ...b.events],
    rejections: [...a.rejections, ...b.rejections],
  }
}

/** The page to start at: 0, the stored next page of the same window, or undefined when it is done. */
function resumeOffset(
  stream: string,
  window: SmailyWindow,
  text: string | undefined,
): number | undefined {
  if (text === undefined) return 0
  let stored: { start_at?: unknown; end_at?: unknown; next_offset?: unknown }
  try {
    stored = JSON.parse(text) as typeof stored
  } catch {
    throw new CheckpointError({ stream, problem: `'${text}' is not a Smaily window checkpoint` })
  }
  if (stored.start_at !== window.startAt || stored.end_at !== window.endAt) return 0
  if (stored.next_offset === null) return undefined
  if (typeof stored.next_offset === 'number' && Number.isSafeInteger(stored.next_offset))
    return stored.next_offset
  throw new CheckpointError({ stream, problem: 'next_offset is not a page number' })
}
