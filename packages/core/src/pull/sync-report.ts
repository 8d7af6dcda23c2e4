import type { StoredTotals } from './unit-writer.js'

/** One page a sync read and stored (or held back). */
export interface SyncPageReport {
  /** The checkpoint stream, e.g. `smaily:acme`. */
  readonly stream: string
  /** Pages read so far in this sync, this one included. */
  readonly page: number
  /** What the page was, for progress lines (e.g. `since_seq_id=120`, `2025-10-26 from_id=…`). */
  readonly position: string
  /** Records the vendor returned. */
  readonly records: number
  /** Events stored with this page (they may come from records held back from earlier pages). */
  readonly events: number
  /** Rejections stored with this page. */
  readonly rejections: number
  /** Records held back, not stored yet (their evidence is not complete). */
  readonly held: number
  /** The checkpoint stored with the page. */
  readonly cursor: string
}

/** What a sync did, for its summary. */
export interface SyncSummary extends Readonly<StoredTotals> {
  /** The checkpoint stream. */
  readonly stream: string
  /** HTTP requests sent, retries included. */
  readonly requests: number
  /** Requests that were retried. */
  readonly retries: number
  /** Pages read. */
  readonly pages: number
  /** Records the vendor returned (a record read twice counts twice). */
  readonly records: number
  /** Events in the stored units (new or already present). */
  readonly events: number
  /** Rejections in the stored units. */
  readonly rejections: number
  /** Records held back at the end, not stored: the next sync reads them again. */
  readonly held: number
  /** The checkpoint at the end (undefined when none was ever stored). */
  readonly cursor: string | undefined
  /** Warnings, e.g. a checkpoint older than the vendor's retention. */
  readonly warnings: readonly string[]
}

/** What the pull clients count. */
export interface RequestCounts {
  /** Requests sent, retries included. */
  requests: number
  /** Retries. */
  retries: number
}
