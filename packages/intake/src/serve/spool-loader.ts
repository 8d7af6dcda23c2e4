import type { Adapter } from '@evnorm/core'
import { type Sink, SinkError, type SinkUnit } from '@evnorm/core/sink'
import { type NormalizedBodies, normalizeBodies } from '../normalize-bodies.js'
import { backoff, pause } from '../retry-delay.js'
import type { IntakeMetrics } from './intake-metrics.js'
import type { Spool } from './spool.js'

/** Options of {@link SpoolLoader}. */
export interface SpoolLoaderOptions {
  readonly spool: Spool
  readonly sink: Sink
  readonly adapter: Adapter
  /** The origin of every unit (part of each rejection's key). */
  readonly origin: string
  readonly metrics: IntakeMetrics
  /** Records (events and rejections) gathered into one unit before it is written. */
  readonly unitRecords: number
  /** The first and the longest wait before writing a refused unit again. */
  readonly retryMs: { readonly initial: number; readonly max: number }
  readonly log: (message: string) => void
}

/**
 * Drains a {@link Spool} into a sink, oldest segment first: each segment's bodies are
 * normalized and written in units, and the segment is removed only after its last unit is
 * committed. A crash in between loads the segment again, which the sink's idempotence makes
 * harmless. A refused unit is retried with backoff; the spool keeps growing meanwhile.
 */
export class SpoolLoader {
  readonly #options: SpoolLoaderOptions
  readonly #stopping = new AbortController()
  #wake: (() => void) | undefined
  #running: Promise<void> | undefined

  constructor(options: SpoolLoaderOptions) {
    this.#options = options
  }

  /** Starts loading in the background. */
  start(): void {
    this.#running ??= this.#run()
  }

  /** Says a body was appended, so an idle loader looks again. */
  notify(): void {
    this.#wake?.()
  }

  /**
   * Stops the background loop, then loads everything left in the spool. Rejects when the sink
   * refuses a unit now: what was not loaded stays in the spool for the next start.
   */
  async drain(): Promise<void> {
    this.#stopping.abort()
    this.#wake?.()
    await this.#running
    await this.#options.spool.seal()
    for (const name of this.#options.spool.sealedSegments()) await this.#loadSegment(name)
  }

  async #run(): Promise<void> {
    const { spool } = this.#options
    while (!this.#stopping.signal.aborted) {
      const [oldest] = spool.sealedSegments()
      try {
        if (oldest !== undefined) await this.#loadSegment(oldest)
        else if (spool.hasActiveBodies()) await spool.seal()
        else await this.#idle()
      } catch (error) {
        if (this.#stopping.signal.aborted) return
        this.#options.log(`spool loader: ${(error as Error).message}`)
        await pause(this.#options.retryMs.initial, this.#stopping.signal)
      }
    }
  }

  #idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#wake = undefined
        resolve()
      }
      const timer = setTimeout(done, 1000)
      this.#wake = done
    })
  }

  async #loadSegment(name: string): Promise<void> {
    const { spool, adapter, unitRecords, metrics, log } = this.#options
    const { bodies, tornBytes } = await spool.read(name)
    if (tornBytes > 0)
      log(`spool: ${name} ends in ${tornBytes} bytes of an unfinished write, skipped`)
    let unit: NormalizedBodies = { events: [], rejections: [], unreadable: [] }
    for (const body of bodies) {
      const normalized = normalizeBodies(adapter, [body])
      for (const { reason } of normalized.unreadable) {
        await spool.deadLetter(body, reason)
        metrics.deadLetters += 1
      }
      for (const event of normalized.events) unit.events.push(event)
      for (const rejection of normalized.rejections) unit.rejections.push(rejection)
      if (unit.events.length + unit.rejections.length >= unitRecords) {
        await this.#write(unit)
        unit = { events: [], rejections: [], unreadable: [] }
      }
    }
    await this.#write(unit)
    await spool.remove(name)
  }

  async #write({ events, rejections }: NormalizedBodies): Promise<void> {
    const { metrics, origin } = this.#options
    if (events.length === 0 && rejections.length === 0) return
    const unit: SinkUnit = { events, rejections, origin }
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await this.#options.sink.write(unit)
        metrics.eventsLoaded += events.length
        metrics.eventsInserted += result.inserted
        metrics.rejections += rejections.length
        return
      } catch (error) {
        if (!SinkError.isInstance(error)) throw error
        metrics.sinkFailures += 1
        if (this.#stopping.signal.aborted && attempt >= 2) throw error
        const delay = backoff(attempt, this.#options.retryMs.initial, this.#options.retryMs.max)
        this.#options.log(`sink: ${error.message}; retrying in ${delay} ms`)
        await pause(delay)
      }
    }
  }
}
