import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import {
  type Checkpoint,
  type Sink,
  SinkError,
  type SinkUnit,
  type SinkWriteResult,
} from '@evnorm/core/sink'
import { DUCKDB_TABLES } from './duckdb-layout.js'
import { type DuckDbSink, literal, openDuckDbSink, sinkError } from './duckdb-sink.js'

/** Options of {@link openParquetSink}. */
export interface ParquetSinkOptions {
  /** The directory that receives `evnorm_events/` and `evnorm_rejections/`; created when missing. */
  readonly directory: string
}

/**
 * The `evnorm_events` columns as written to Parquet: `id` as text and `occurred_at` in
 * microseconds, the types every warehouse reads (`occurred_at_ns` keeps the exact instant).
 */
const PARQUET_EVENT_COLUMNS = DUCKDB_TABLES.evnorm_events
  .map(([name]) => {
    if (name === 'id') return 'CAST(id AS VARCHAR) AS id'
    if (name === 'occurred_at') return 'CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at'
    return `"${name}"`
  })
  .join(', ')

/**
 * Opens a Parquet target: a run's units gather (deduplicated by `id`) in a DuckDB database in
 * memory, and {@link Sink.close} writes them as one file per `occurred_date=YYYY-MM-DD`
 * partition under `evnorm_events/`, plus one file under `evnorm_rejections/`, all named after
 * the run. The files are written in a hidden directory first and moved into place at the end,
 * so a run that fails or is killed leaves no file with an evnorm name. Parquet targets keep no
 * checkpoints.
 */
export async function openParquetSink(options: ParquetSinkOptions): Promise<Sink> {
  const staging = await openDuckDbSink({ path: ':memory:' })
  return new ParquetSink(`parquet:${options.directory}`, options.directory, staging)
}

class ParquetSink implements Sink {
  readonly target: string
  readonly #directory: string
  readonly #staging: DuckDbSink

  constructor(target: string, directory: string, staging: DuckDbSink) {
    this.target = target
    this.#directory = directory
    this.#staging = staging
  }

  async write(unit: SinkUnit): Promise<SinkWriteResult> {
    if (unit.checkpoint !== undefined) throw this.#noCheckpoints(unit.checkpoint)
    try {
      return await this.#staging.write(unit)
    } catch (error) {
      throw sinkError(this.target, 'cannot gather the unit', error)
    }
  }

  async readCheckpoint(stream: string): Promise<string | undefined> {
    throw this.#noCheckpoints({ stream, cursor: '' })
  }

  async close(): Promise<void> {
    const run = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`
    const hidden = join(this.#directory, `.evnorm-run-${run}`)
    try {
      await mkdir(hidden, { recursive: true })
      await this.#export(hidden, run)
      await moveInto(hidden, this.#directory)
    } catch (error) {
      throw sinkError(this.target, 'cannot write the Parquet files', error)
    } finally {
      await rm(hidden, { recursive: true, force: true }).catch(() => {})
      await this.#staging.close()
    }
  }

  async #export(hidden: string, run: string): Promise<void> {
    const connection = this.#staging.connection
    const counts = await connection.runAndReadAll(
      'SELECT (SELECT count(*) FROM evnorm_events), (SELECT count(*) FROM evnorm_rejections)',
    )
    const [events, rejections] = (counts.getRows()[0] ?? [0, 0]).map(Number)
    if (events) {
      await connection.run(
        `COPY (SELECT ${PARQUET_EVENT_COLUMNS}, substr(occurred_at_ns, 1, 10) AS occurred_date FROM evnorm_events ORDER BY occurred_at_ns, id) TO ${literal(join(hidden, 'evnorm_events'))} (FORMAT parquet, PARTITION_BY (occurred_date), FILENAME_PATTERN 'evnorm-${run}-{i}')`,
      )
    }
    if (rejections) {
      const file = join(hidden, 'evnorm_rejections', `evnorm-${run}.parquet`)
      await mkdir(dirname(file), { recursive: true })
      await connection.run(
        `COPY (SELECT * FROM evnorm_rejections ORDER BY origin, "index") TO ${literal(file)} (FORMAT parquet)`,
      )
    }
  }

  #noCheckpoints(checkpoint: Checkpoint): SinkError {
    return new SinkError({
      target: this.target,
      problem: `Parquet targets keep no checkpoints (stream ${checkpoint.stream}); sync into duckdb: or postgres:// and export from there`,
    })
  }
}

/** Moves every file under `from` to the same relative place under `to`. */
async function moveInto(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const source = join(entry.parentPath, entry.name)
    const destination = join(to, relative(from, source))
    await mkdir(dirname(destination), { recursive: true })
    await rename(source, destination)
  }
}
