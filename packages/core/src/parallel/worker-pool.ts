import { Worker } from 'node:worker_threads'
import type { AnyAdapter } from '../model/adapter.js'
import { JobRunner } from './job-runner.js'
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

/** Jobs queued on a worker before the calling thread takes the next one itself. */
const QUEUED_PER_WORKER = 2
/** The lane of the calling thread. */
const HERE = -1

/**
 * Worker threads running jobs, with the calling thread as one more lane: a job goes to the
 * least busy worker unless each has {@link QUEUED_PER_WORKER} queued, and then runs here, at
 * once. A job that continues a run goes where the run is kept.
 */
export class WorkerPool {
  readonly #workers: Worker[]
  readonly #busy: number[]
  readonly #here = new JobRunner()
  readonly #waiting = new Map<number, Waiting>()
  readonly #placed = new Map<number, number>()
  #nextId = 0
  #broken: Error | undefined
  #closed = false

  /** Starts `threads` worker threads. */
  constructor(threads: number) {
    this.#workers = Array.from({ length: threads }, (_, index) => this.#start(index))
    this.#busy = this.#workers.map(() => 0)
  }

  /** How many worker threads run jobs (the calling thread is one more lane). */
  get threads(): number {
    return this.#workers.length
  }

  /**
   * Runs a job on a worker, or here with `adapter` (the one the job names, imported on this
   * thread) when every worker has enough queued.
   */
  run(job: Omit<Job, 'id'>, adapter: AnyAdapter): Promise<JobResult> {
    if (this.#broken !== undefined) return Promise.reject(this.#broken)
    const id = this.#nextId++
    const lane =
      job.continues === undefined ? this.#freeLane() : (this.#placed.get(job.continues) ?? HERE)
    this.#placed.delete(job.continues ?? -1)
    this.#placed.set(id, lane)
    if (lane === HERE) return Promise.resolve(this.#runHere({ ...job, id }, adapter))
    this.#busy[lane] = (this.#busy[lane] ?? 0) + 1
    return new Promise<JobResult>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.#post(lane, { job: { ...job, id } })
    })
  }

  /** Forgets the run a job's lane keeps (its result was not used). */
  drop(id: number): void {
    const lane = this.#placed.get(id)
    this.#placed.delete(id)
    if (lane === HERE) this.#here.drop(id)
    else if (lane !== undefined) this.#post(lane, { drop: id })
  }

  #runHere(job: Job, adapter: AnyAdapter): JobResult {
    const result = this.#here.run(adapter, job)
    if (!result.kept) this.#placed.delete(job.id)
    return result
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

  #freeLane(): number {
    let best = HERE
    for (let index = 0; index < this.#busy.length; index++) {
      const busy = this.#busy[index] as number
      if (busy < QUEUED_PER_WORKER && (best === HERE || busy < (this.#busy[best] as number))) {
        best = index
      }
    }
    return best
  }

  #fail(error: Error): void {
    this.#broken ??= error
    for (const waiting of this.#waiting.values()) waiting.reject(this.#broken)
    this.#waiting.clear()
  }
}
