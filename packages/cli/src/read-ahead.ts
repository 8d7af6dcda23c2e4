import { readFile, stat } from 'node:fs/promises'
import { type EncodedBatch, normalizeWhole } from '@evnorm/core/parallel'
import { detectSource } from './detect-source.js'
import { formatFromName, isGzipName } from './input-format.js'
import { type InputSpec, MAX_HEAD_BYTES } from './open-input.js'
import { SOURCES, type SourceName } from './sources.js'
import { type InputRun, readOptions, sniffedFormat } from './stream-inputs.js'

/** The largest input normalized whole ahead of its turn. */
const AHEAD_MAX_BYTES = 4 << 20

/** An input normalized ahead of its turn: the feed and format it was read as, and its batch. */
export interface ReadAhead {
  readonly source: SourceName
  readonly format: 'json' | 'ndjson'
  readonly batch: EncodedBatch
}

/**
 * Normalizes the small inputs that follow the one being written, each whole on a free thread,
 * so that a run over many small files (hook bodies, daily exports) keeps every thread busy
 * while the inputs are still written in order. Only with several inputs and `--workers` above
 * 1, and only regular files of at most 4 MiB (and no longer than `--max-record-size`), JSON or
 * NDJSON, not gzip. An input that does not read cleanly whole is read the usual way at its
 * turn, which reports what is wrong.
 */
export class InputsAhead {
  readonly #run: InputRun
  readonly #specs: readonly InputSpec[]
  readonly #started = new Map<number, Promise<ReadAhead | undefined>>()

  constructor(run: InputRun, specs: readonly InputSpec[]) {
    this.#run = run
    this.#specs = specs
  }

  /** What was read ahead for input `index` (undefined: read it the usual way); starts the next ones. */
  take(index: number): Promise<ReadAhead | undefined> {
    const depth = this.#run.pool.workers
    if (depth > 1 && this.#specs.length > 1) {
      const end = Math.min(this.#specs.length, index + depth + 1)
      for (let next = index; next < end; next++) {
        if (!this.#started.has(next)) {
          const read = this.#read(this.#specs[next] as InputSpec).catch(() => undefined)
          this.#started.set(next, read)
        }
      }
    }
    const ahead = this.#started.get(index)
    this.#started.delete(index)
    return ahead ?? Promise.resolve(undefined)
  }

  async #read(spec: InputSpec): Promise<ReadAhead | undefined> {
    const { args } = this.#run
    if (spec.path === undefined || isGzipName(spec.name)) return undefined
    const info = await stat(spec.path)
    if (!info.isFile() || info.size > Math.min(AHEAD_MAX_BYTES, args.limits.maxRecordSize)) {
      return undefined
    }
    const bytes = await readFile(spec.path)
    const head = bytes.subarray(0, MAX_HEAD_BYTES).toString('utf8')
    const format = args.format ?? formatFromName(spec.name) ?? sniffedFormat(head)
    if (format !== 'json' && format !== 'ndjson') return undefined
    const source = args.source === 'auto' ? detectedSource(head, format) : args.source
    if (source === undefined) return undefined
    const { format: _, ...options } = readOptions(this.#run, format)
    const { reference } = SOURCES[source]
    const batch = await normalizeWhole(reference, bytes, format, this.#run.pool, options)
    return batch === undefined ? undefined : { source, format, batch }
  }
}

function detectedSource(head: string, format: 'json' | 'ndjson'): SourceName | undefined {
  const detected = detectSource(head, format)
  return detected.success ? detected.source : undefined
}
