import type { Writable } from 'node:stream'

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
}

/** One progress line, e.g. `big.ndjson [######------------------]  25%  54.0/216.0 MB  250000 records`. */
export function renderProgress(state: ProgressState): string {
  const fraction = state.total > 0 ? Math.min(1, state.read / state.total) : 1
  const filled = Math.round(fraction * BAR_WIDTH)
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4)
  const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1)
  return (
    `${state.name} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}  ` +
    `${megabytes(state.read)}/${megabytes(state.total)} MB  ${state.records} records`
  )
}

/** A progress line redrawn in place on a terminal (at most every 100 ms), cleared at the end. */
export class ProgressBar {
  readonly #stream: Writable
  readonly #now: () => number
  #last = Number.NEGATIVE_INFINITY
  #drawn = false

  constructor(stream: Writable, now: () => number = Date.now) {
    this.#stream = stream
    this.#now = now
  }

  /** Redraws the line if the last redraw is old enough. */
  update(state: ProgressState): void {
    const now = this.#now()
    if (now - this.#last < REDRAW_MS) return
    this.#last = now
    this.#drawn = true
    this.#stream.write(`\r\x1b[2K${renderProgress(state)}`)
  }

  /** Erases the line, if one was drawn. */
  clear(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[2K')
    this.#drawn = false
  }
}
