import type { Writable } from 'node:stream'
import { formatCount, formatDuration, formatRate } from './format-number.js'

/** Inputs smaller than this (bytes) get no progress bar. */
export const PROGRESS_MIN_BYTES = 8 * 1024 * 1024

const BAR_WIDTH = 24
const REDRAW_MS = 100

/** What one progress line shows. */
export interface ProgressState {
  /** The input's name. */
  readonly name: string
  /** Bytes read so far. */
  readonly read: number
  /** The input's size in bytes. */
  readonly total: number
  /** Records normalized so far. */
  readonly records: number
  /** Milliseconds since the input was opened. */
  readonly elapsedMs: number
}

/**
 * One progress line, e.g.
 * `big.ndjson [######------------------]  25%  54.0/216.0 MB  250,000 records  125,000 records/s  ETA 6.0 s`.
 * The ETA assumes the rest of the bytes read at the pace so far.
 */
export function renderProgress(state: ProgressState): string {
  const fraction = state.total > 0 ? Math.min(1, state.read / state.total) : 1
  const filled = Math.round(fraction * BAR_WIDTH)
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4)
  const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1)
  const rate = formatRate(state.records, state.elapsedMs)
  const eta =
    state.read > 0 && fraction < 1
      ? `  ETA ${formatDuration((state.elapsedMs * (state.total - state.read)) / state.read)}`
      : ''
  return (
    `${state.name} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}  ` +
    `${megabytes(state.read)}/${megabytes(state.total)} MB  ${formatCount(state.records)} records` +
    `${rate === undefined ? '' : `  ${rate}`}${eta}`
  )
}

/** A progress line redrawn in place on a terminal (at most every 100 ms), cleared at the end. */
export class ProgressBar {
  readonly #stream: Writable
  readonly #now: () => number
  readonly #started: number
  #last = Number.NEGATIVE_INFINITY
  #drawn = false

  constructor(stream: Writable, now: () => number = Date.now) {
    this.#stream = stream
    this.#now = now
    this.#started = now()
  }

  /** Redraws the line if the last redraw is old enough; rate and ETA count from construction. */
  update(state: Omit<ProgressState, 'elapsedMs'>): void {
    const now = this.#now()
    if (now - this.#last < REDRAW_MS) return
    this.#last = now
    this.#drawn = true
    this.#stream.write(`\r\x1b[2K${renderProgress({ ...state, elapsedMs: now - this.#started })}`)
  }

  /** Erases the line, if one was drawn. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[2K')
    this.#drawn = false
  }
}
