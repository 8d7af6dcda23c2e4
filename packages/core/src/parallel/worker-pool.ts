import { Worker } from 'node:worker_threads'
import type { Job, JobResult, ToWorker } from './parallel-protocol.js'

const FROM_SOURCES = import.meta.url.endsWith('.ts')

/**
 * The worker script. Run from TypeScript sources (the project's tests), the built one is
 * used, without the `--conditions` that select sources: a worker thread cannot load TypeScript.
 */
const WORKER_URL = FROM_SOURCES
  ? new URL('../../dist/parallel/parallel-worker.js', import.meta.url)
  : new URL('./parallel-worker.js', import.meta.url)

function workerExecArgv(): string[] {
  const kept: string[] = []
  for (let at = 0; at < process.execArgv.length; at++) {
    const arg = process.execArgv[at] as string
    if (arg === '--conditions' || arg === '-C') at++
    else if (!arg.startsWith('--conditions=')) kept.push(arg)
  }
  return kept
}

interface Waiting {
  readonly resolve: (result: JobResult) => void
  readonly reject: (error: Error) => void
}

/** A fixed set of worker threads running jobs; a job that continues a run goes where it is kept. */
export class WorkerPool {
  readonly #workers: Worker[]
  readonly #busy: number[]
  readonly #waiting = new Map<number, Waiting>()
  readonly #placed = new Map<number, number>()
  #nextId = 0
  #broken: Error | undefined
  #closed = false

  constructor(size: number) {
    this.#workers = Array.from({ length: size }, (_, index) => this.#start(index))
    this.#busy = this.#workers.map(() => 0)
  }

  /** How many workers run jobs. */
  get size(): number {
    return this.#workers.length
  }

  /** Runs a job on the least busy worker, or on the one keeping the run it continues. */
  run(job: Omit<Job, 'id'>): Promise<JobResult> {
    if (this.#broken !== undefined) return Promise.reject(this.#broken)
    const id = this.#nextId++
    const worker =
      job.continues === undefined ? this.#leastBusy() : (this.#placed.get(job.continues) ?? 0)
    this.#placed.delete(job.continues ?? -1)
    this.#placed.set(id, worker)
    this.#busy[worker] = (this.#busy[worker] ?? 0) + 1
    return new Promise<JobResult>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.#post(worker, { job: { ...job, id } })
    })
  }

  /** Forgets the run a job's worker keeps (its result was not used). */
  drop(id: number): void {
    const worker = this.#placed.get(id)
    this.#placed.delete(id)
    if (worker !== undefined) this.#post(worker, { drop: id })
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.#closed = true
    await Promise.all(this.#workers.map((worker) => worker.terminate()))
  }

  #start(index: number): Worker {
    const worker = new Worker(WORKER_URL, FROM_SOURCES ? { execArgv: workerExecArgv() } : {})
    worker.on('message', (result: JobResult) => {
      const waiting = this.#waiting.get(result.id)
      this.#waiting.delete(result.id)
      this.#busy[index] = (this.#busy[index] ?? 1) - 1
      if (!result.kept) this.#placed.delete(result.id)
      waiting?.resolve(result)
    })
    worker.on('error', (error) => this.#fail(error))
    worker.on('exit', (code) => {
      if (!this.#closed) this.#fail(new Error(`an evnorm worker exited (code ${code})`))
    })
    return worker
  }

  #post(worker: number, message: ToWorker): void {
    this.#workers[worker]?.postMessage(message)
  }

  #leastBusy(): number {
    let best = 0
    for (let index = 1; index < this.#busy.length; index++) {
      if ((this.#busy[index] as number) < (this.#busy[best] as number)) best = index
    }
    return best
  }

  #fail(error: Error): void {
    this.#broken ??= error
    for (const waiting of this.#waiting.values()) waiting.reject(this.#broken)
    this.#waiting.clear()
  }
}
