import type { RecordOptions } from '../normalize/record-runner.js'
import type { EncodedBatch } from './encoded-batch.js'

/** Where a worker imports the adapter from: a module URL (or absolute path) and its export. */
export interface AdapterReference {
  /** The module: a `file:` URL or an absolute path (e.g. `import.meta.resolve('@evnorm/smaily-log')`). */
  readonly module: string
  /** The name of the export that is the adapter (e.g. `smailyLogAdapter`). */
  readonly export: string
}

/** What a job's records are normalized with. */
export interface JobSetup {
  readonly adapter: AdapterReference
  readonly options: RecordOptions
  readonly maxTextLength: number
}

/** The records of one job: whole NDJSON lines, JSON array elements, or a JSON document. */
export type JobInput =
  | { readonly kind: 'lines'; readonly text: string; readonly firstLine: number }
  | { readonly kind: 'elements'; readonly texts: string[]; readonly locators: string[] }
  | { readonly kind: 'document'; readonly text: string }

/** One job: records of the run, from `firstIndex` on. */
export interface Job {
  readonly id: number
  readonly setup: JobSetup
  readonly input: JobInput
  readonly firstIndex: number
  /** Continue the run kept by this earlier job (its records of an open evidence span). */
  readonly continues?: number
  /** The run ends after this job: held records are released. */
  readonly final: boolean
}

/** A message to a worker: a job, or an order to forget a kept run. */
export type ToWorker = { readonly job: Job } | { readonly drop: number }

/** A worker's answer to a job. */
export interface JobResult {
  readonly id: number
  readonly batch: EncodedBatch
  /** The content-derived ids counted for occurrences, in order (see `OccurrenceCounter`). */
  readonly occurrenceIds: readonly string[]
  /** For each of those, the position of its event in the batch; -1: not emitted. */
  readonly occurrenceEvents: readonly number[]
  /** For each of those, the byte where its event's line starts in `batch.events`; -1: not emitted. */
  readonly occurrenceOffsets: readonly number[]
  /** True when records of an open evidence span are held: the worker keeps the run. */
  readonly kept: boolean
  /** An NDJSON line too long to read: the run ends after this job's records. */
  readonly lineError?: { readonly message: string; readonly line: number }
  /** The adapter could not be loaded, or the worker failed (a bug). */
  readonly failure?: string
}
