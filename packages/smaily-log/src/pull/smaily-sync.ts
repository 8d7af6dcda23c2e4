import {
  type AnyAdapter,
  type CanonicalEvent,
  createNormalizeRun,
  type Rejection,
} from '@evnorm/core'
import {
  createUnitWriter,
  placeRejections,
  repeatUntilStopped,
  type SyncPageReport,
  type SyncSchedule,
  type SyncSummary,
} from '@evnorm/core/pull'
import type { Sink } from '@evnorm/core/sink'
import { smailyLogAdapter } from '../smaily-adapter.js'
import { nextSmailyCursor } from '../smaily-cursor.js'
import { readUnsignedId } from '../smaily-identifier.js'
import { formatSmailyCheckpoint, readSmailyCheckpoint } from './smaily-checkpoint.js'
import { SMAILY_PAGE_LIMIT, type SmailyClient } from './smaily-client.js'

/** Smaily keeps the action log for this many days. */
export const SMAILY_RETENTION_DAYS = 30

/** Options of {@link syncSmaily}. */
export interface SmailySyncOptions extends SyncSchedule {
  readonly client: SmailyClient
  readonly sink: Sink
  /** The checkpoint stream, `smaily:<subdomain>` by convention. */
  readonly stream: string
  /** Rows per request (default and most 10,000). */
  readonly limit?: number
  /** The adapter, e.g. `createSmailyLogAdapter({ includeRaw: true })` (default `smailyLogAdapter`). */
  readonly adapter?: AnyAdapter
  /** Called after each page is handed to the sink. */
  readonly onPage?: (report: SyncPageReport) => void
  /** Called with each warning as it arises (they are in the summary too). */
  readonly onWarning?: (warning: string) => void
  /** The clock (default `() => new Date()`). */
  readonly now?: () => Date
}

/**
 * Cursor-mode sync of history.php into a sink: from the stream's checkpoint (`since_seq_id=0`
 * without one), page after page while pages are full; each page's events, rejections and the
 * new checkpoint in one `sink.write`. Rows of an autumn night still open at the end of a page
 * are held back (not stored, the checkpoint stays before them) and settled with the rows that
 * follow, as `createNormalizeRun` describes; a sync that stops leaves them for the next one.
 * Warns when the checkpoint is older than Smaily's 30-day retention. Resolves to the summary;
 * throws the client's typed errors, `SinkError`, `CheckpointError` or a vendor error.
 */
export async function syncSmaily(options: SmailySyncOptions): Promise<SyncSummary> {
  const { client, sink, stream, signal } = options
  const limit = options.limit ?? SMAILY_PAGE_LIMIT
  const now = options.now ?? (() => new Date())
  const warnings: string[] = []
  const warn = (warning: string) => {
    warnings.push(warning)
    options.onWarning?.(warning)
  }
  const checkpoint = readSmailyCheckpoint(stream, await sink.readCheckpoint(stream))
  const retentionWarning = staleCheckpointWarning(stream, checkpoint.coveredUntil, now())
  if (retentionWarning !== undefined) warn(retentionWarning)
  const run = createNormalizeRun(options.adapter ?? smailyLogAdapter)
  const writer = createUnitWriter(sink)
  let stored = checkpoint.sinceSeqId
  let covered = checkpoint.coveredUntil
  let written = formatSmailyCheckpoint(checkpoint)
  let fetched = stored
  const totals = { pages: 0, records: 0, events: 0, rejections: 0 }

  const catchUp = async () => {
    for (let full = true; full && !signal?.aborted; ) {
      const requestedAt = now().toISOString()
      const rows = await client.readCursorPage(fetched, limit, signal)
      const result = run.push(rows)
      if (!result.success) throw result.error
      full = rows.length >= limit
      const nextStored = nextSmailyCursor(result, stored) ?? stored
      const nextFetched = nextSmailyCursor(run.held, nextStored) ?? nextStored
      if (full && nextFetched === fetched) {
        warn(
          `${stream}: a full page after since_seq_id=${fetched} did not move the cursor; stopped`,
        )
        full = false
      }
      covered =
        !full && run.held.length === 0 ? requestedAt : latestOccurrence(result.events, covered)
      const cursor = formatSmailyCheckpoint({
        sinceSeqId: nextStored,
        ...(covered === undefined ? {} : { coveredUntil: covered }),
      })
      if (result.events.length > 0 || result.rejections.length > 0 || cursor !== written) {
        await writer.write({
          events: result.events,
          rejections: placeRejections(result.rejections, locateRow),
          origin: stream,
          checkpoint: { stream, cursor },
        })
        written = cursor
      }
      totals.pages++
      totals.records += rows.length
      totals.events += result.events.length
      totals.rejections += result.rejections.length
      options.onPage?.({
        stream,
        page: totals.pages,
        position: `since_seq_id=${fetched}`,
        records: rows.length,
        events: result.events.length,
        rejections: result.rejections.length,
        held: run.held.length,
        cursor,
      })
      stored = nextStored
      fetched = nextFetched
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

/** The rejection locator of a pulled row: its `seq_id`, or where it was when it has none. */
function locateRow(rejection: Rejection): string {
  const raw = rejection.raw as { seq_id?: unknown } | null
  const id =
    typeof raw === 'object' && raw !== null ? readUnsignedId(raw.seq_id, 'seq_id') : undefined
  return typeof id === 'string' ? `seq_id ${id}` : 'without a readable seq_id'
}

function latestOccurrence(
  events: readonly CanonicalEvent[],
  since: string | undefined,
): string | undefined {
  let latest = since
  for (const event of events) {
    if (latest === undefined || Date.parse(event.occurredAt) > Date.parse(latest))
      latest = event.occurredAt
  }
  return latest
}

function staleCheckpointWarning(
  stream: string,
  coveredUntil: string | undefined,
  now: Date,
): string | undefined {
  if (coveredUntil === undefined) return undefined
  const days = (now.getTime() - Date.parse(coveredUntil)) / 86_400_000
  if (days <= SMAILY_RETENTION_DAYS) return undefined
  return (
    `${stream}: the checkpoint covers actions up to ${coveredUntil}, ${Math.floor(days)} days ago; ` +
    `Smaily keeps ${SMAILY_RETENTION_DAYS} days of actions, so actions logged in between may be gone`
  )
}
