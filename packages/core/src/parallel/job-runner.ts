import { parseNdjson } from '../helpers/ndjson.js'
import { parseRecordText } from '../helpers/record-text.js'
import type { AnyAdapter } from '../model/adapter.js'
import type { BatchResult } from '../model/outcome.js'
import { batchFromOutcomes } from '../normalize/batch-from-outcomes.js'
import { parseSafely } from '../normalize/parse-safely.js'
import { type OccurrenceCounter, RecordRunner } from '../normalize/record-runner.js'
import { encodeOutcomes } from './encoded-batch.js'
import { loadAdapter } from './load-adapter.js'
import type { AdapterReference, Job, JobInput, JobResult } from './parallel-protocol.js'

/** Counts nothing: notes each content-derived id for the main thread to number. */
class OccurrenceLog implements OccurrenceCounter {
  ids: string[] = []
  indexes: number[] = []

  occurrence(id: string, index: number): number {
    this.ids.push(id)
    this.indexes.push(index)
    return 1
  }

  take(): { ids: string[]; indexes: number[] } {
    const taken = { ids: this.ids, indexes: this.indexes }
    this.ids = []
    this.indexes = []
    return taken
  }
}

interface Run {
  readonly runner: RecordRunner
  readonly log: OccurrenceLog
}

/**
 * Runs jobs on the thread it lives on (a worker, or the calling thread when it takes a share),
 * keeping the runs of open evidence spans for the jobs that continue them.
 */
export class JobRunner {
  readonly #kept = new Map<number, Run>()
  readonly #adapters = new Map<string, Promise<AnyAdapter>>()

  /** The adapter a job names, imported once. */
  adapter(reference: AdapterReference): Promise<AnyAdapter> {
    const key = `${reference.module}#${reference.export}`
    let adapter = this.#adapters.get(key)
    if (adapter === undefined) {
      adapter = loadAdapter(reference)
      this.#adapters.set(key, adapter)
    }
    return adapter
  }

  /** Normalizes a job's records with its (already imported) adapter. */
  run(adapter: AnyAdapter, job: Job): JobResult {
    const run = this.#start(adapter, job)
    const read = readJobInput(adapter, job.input, job.setup.maxTextLength)
    const outcomes = [...run.runner.push(read.records, read.locate).outcomes]
    const ends = job.final || read.lineError !== undefined
    if (ends) outcomes.push(...run.runner.end().outcomes)
    const keep = !ends && run.runner.held.length > 0
    if (keep) this.#kept.set(job.id, run)
    const { encoded, batch, offsets } = encodeOutcomes(batchFromOutcomes(outcomes), adapter.feed)
    const { ids, indexes } = run.log.take()
    const occurrenceEvents = eventsOfOccurrences(batch, indexes)
    return {
      id: job.id,
      batch: encoded,
      occurrenceIds: ids,
      occurrenceEvents,
      occurrenceOffsets: occurrenceEvents.map((event) =>
        event < 0 ? -1 : (offsets[event] as number),
      ),
      kept: keep,
      ...(read.lineError === undefined ? {} : { lineError: read.lineError }),
    }
  }

  /** Forgets the run a job kept. */
  drop(id: number): void {
    this.#kept.delete(id)
  }

  /** The kept run the job continues, or a new one starting at its first record. */
  #start(adapter: AnyAdapter, job: Job): Run {
    if (job.continues !== undefined) {
      const continued = this.#kept.get(job.continues)
      if (continued === undefined) throw new Error(`no kept run for job ${job.continues}`)
      this.#kept.delete(job.continues)
      return continued
    }
    const log = new OccurrenceLog()
    const runner = new RecordRunner(adapter, job.setup.options, false, {
      firstIndex: job.firstIndex,
      occurrences: log,
    })
    return { runner, log }
  }
}

function readJobInput(
  adapter: AnyAdapter,
  input: JobInput,
  maxTextLength: number,
): {
  readonly records: readonly unknown[]
  readonly locate: (index: number) => string
  readonly lineError?: { readonly message: string; readonly line: number }
} {
  if (input.kind === 'lines') {
    const { records, lines, error } = parseNdjson(input.text, {
      firstLine: input.firstLine,
      maxTextLength,
    })
    return {
      records,
      locate: (i) => `line ${lines[i]}`,
      ...(error === undefined ? {} : { lineError: error }),
    }
  }
  if (input.kind === 'elements') {
    return { records: input.texts.map(parseRecordText), locate: (i) => input.locators[i] ?? '' }
  }
  const parsed = parseSafely(adapter, input.text, 'json')
  return parsed.success ? parsed : { records: [], locate: () => '' }
}

/**
 * The position in the batch of each noted content-derived event, or -1 for an event of a
 * rejected record: the noted ids follow the records in order, one per content-derived event.
 */
function eventsOfOccurrences(batch: BatchResult, indexes: readonly number[]): number[] {
  const found = new Array<number>(indexes.length).fill(-1)
  let call = 0
  let event = 0
  for (const outcome of batch.outcomes) {
    if (call === indexes.length) break
    while (call < indexes.length && (indexes[call] as number) < outcome.index) call++
    if (!outcome.success) continue
    for (const { source } of outcome.events) {
      if (source.idBasis === 'content' && indexes[call] === outcome.index) found[call++] = event
      event++
    }
  }
  return found
}
