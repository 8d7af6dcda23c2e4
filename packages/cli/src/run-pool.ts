import { NormalizePool } from '@evnorm/core/parallel'

/** The worker threads of a run (`--workers`), started with the first input that needs them. */
export class RunPool {
  readonly workers: number
  #pool: NormalizePool | undefined

  constructor(workers: number) {
    this.workers = workers
  }

  /** The pool, started on first use. */
  get(): NormalizePool {
    this.#pool ??= new NormalizePool(this.workers)
    return this.#pool
  }

  /** Stops the threads, if they were started. */
  async close(): Promise<void> {
    await this.#pool?.close()
  }
}
