import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import type { Rejection } from '@evnorm/core'
import {
  type Checkpoint,
  type ConflictPolicy,
  eventCount,
  LAYOUT_VERSION,
  rejectionRow,
  type Sink,
  SinkError,
  type SinkUnit,
  type SinkWriteResult,
  type StagedUnit,
  type UnitEvents,
  uniqueEventNdjson,
} from '@evnorm/core/sink'
import { DUCKDB_TABLES, selectEventsSql, selectRejectionsSql } from './duckdb-layout.js'
import { ensureDuckDbLayout } from './ensure-duckdb-layout.js'

/** Options of {@link openDuckDbSink}. */
export interface DuckDbSinkOptions {
  /** The database file, created when missing; `:memory:` for a database in memory. */
  readonly path: string
  /** An event whose id is stored already: left alone (`nothing`, the default) or replaced (`update`). */
  readonly onConflict?: ConflictPolicy
}

const EVENT_UPDATES = DUCKDB_TABLES.evnorm_events
  .slice(1)
  .map(([name]) => `"${name}" = excluded."${name}"`)
  .join(', ')

/**
 * WAL size at which DuckDB folds the log into the database file. Its default (16 MB) is less
 * than one unit of events, so every commit would rewrite the table; the WAL is synced at each
 * commit either way, so a larger threshold costs no durability.
 */
const CHECKPOINT_THRESHOLD = '1GB'

/**
 * DuckDB's worker threads: one core fewer than the machine has (at least one), so a unit is
 * stored while the next one is normalized on the core left over. With a thread per core the
 * two contend, and the parallel insert costs more CPU time in all than the single-threaded one.
 */
const THREADS = Math.max(1, availableParallelism() - 1)

/**
 * Opens (creating when missing) a DuckDB database as a {@link Sink}: the evnorm tables are
 * created or checked, then each {@link Sink.write} stores a unit's events (idempotently by
 * `id`), rejections (by key) and checkpoint in one transaction. Rejects with a
 * {@link SinkError} naming the file when it cannot be opened, is locked by another process,
 * or holds tables of another layout.
 */
export async function openDuckDbSink(options: DuckDbSinkOptions): Promise<DuckDbSink> {
  const target = `duckdb:${options.path}`
  const instance = await DuckDBInstance.create(options.path).catch((error: unknown) => {
    throw sinkError(target, 'cannot open the database', error)
  })
  const connection = await instance.connect()
  try {
    await ensureDuckDbLayout(connection, target, LAYOUT_VERSION)
    await connection.run(`SET checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`)
    await connection.run(`SET threads = ${THREADS}`)
    const staging = await mkdtemp(join(tmpdir(), 'evnorm-duckdb-'))
    return new DuckDbSink(target, instance, connection, staging, options.onConflict ?? 'nothing')
  } catch (error) {
    connection.closeSync()
    instance.closeSync()
    throw SinkError.isInstance(error) ? error : sinkError(target, 'cannot prepare tables', error)
  }
}

/** A DuckDB database holding the evnorm tables; see {@link openDuckDbSink}. */
export class DuckDbSink implements Sink {
  readonly target: string
  /** The open connection, for reading back or exporting what was stored. */
  readonly connection: DuckDBConnection
  readonly #instance: DuckDBInstance
  readonly #onConflict: ConflictPolicy
  readonly #staging: string
  /** Units staged and not yet committed, discarded at close. */
  readonly #live = new Set<DuckDbStagedUnit>()
  #staged = 0

  constructor(
    target: string,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    staging: string,
    onConflict: ConflictPolicy,
  ) {
    this.target = target
    this.connection = connection
    this.#instance = instance
    this.#staging = staging
    this.#onConflict = onConflict
  }

  async write(unit: SinkUnit): Promise<SinkWriteResult> {
    const staged = this.#stage(unit.origin)
    try {
      await staged.add(unit.events, unit.rejections)
    } catch (error) {
      await staged.discard()
      throw error
    }
    return staged.commit(unit.checkpoint)
  }

  /**
   * A unit whose events and rejections are appended to temporary NDJSON files as they are
   * added (the first event of each id only), and stored from those files at commit.
   */
  stage(origin: string): StagedUnit {
    return this.#stage(origin)
  }

  #stage(origin: string): DuckDbStagedUnit {
    this.#staged += 1
    const name = join(this.#staging, `unit-${this.#staged}`)
    const unit = new DuckDbStagedUnit(this.target, origin, name, async (files, checkpoint) => {
      this.#live.delete(unit)
      return this.#store(files, checkpoint)
    })
    this.#live.add(unit)
    return unit
  }

  async readCheckpoint(stream: string): Promise<string | undefined> {
    try {
      const result = await this.connection.runAndReadAll(
        'SELECT "cursor" FROM evnorm_checkpoints WHERE stream = $1',
        [stream],
      )
      const cursor = result.getRows()[0]?.[0]
      return typeof cursor === 'string' ? cursor : undefined
    } catch (error) {
      throw sinkError(this.target, 'cannot read the checkpoint', error)
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync()
    this.#instance.closeSync()
    for (const unit of this.#live) await unit.discard()
    this.#live.clear()
    await rm(this.#staging, { recursive: true, force: true })
  }

  /** Stores a staged unit's files in one transaction. */
  async #store(files: StagedFiles, checkpoint: Checkpoint | undefined): Promise<SinkWriteResult> {
    const connection = this.connection
    try {
      await connection.run('BEGIN TRANSACTION')
      const present = await this.#countPresent(files)
      const changed = files.unique === 0 ? 0 : await this.#insertEvents(files, present)
      const stored =
        files.rejections === 0
          ? 0
          : (
              await connection.run(
                `INSERT INTO evnorm_rejections ${selectRejectionsSql(literal(files.rejectionsPath))} ON CONFLICT DO NOTHING`,
              )
            ).rowsChanged
      if (checkpoint !== undefined) {
        await connection.run(
          'INSERT INTO evnorm_checkpoints VALUES ($1, $2, now()) ON CONFLICT (stream) DO UPDATE SET "cursor" = excluded."cursor", updated_at = excluded.updated_at',
          [checkpoint.stream, checkpoint.cursor],
        )
      }
      await connection.run('COMMIT')
      const inserted = this.#onConflict === 'update' ? files.unique - present : changed
      return { inserted, present: files.events - inserted, rejectionsStored: stored }
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => {})
      throw sinkError(this.target, 'cannot store the unit', error)
    }
  }

  /**
   * Inserts the staged events, the first statement of the transaction. A plain `INSERT` first:
   * it costs DuckDB about 12 % less than one with `ON CONFLICT` (1,000,000 events, one thread),
   * and with more threads only a plain insert runs in parallel. When an event is stored
   * already, the plain insert fails at once on the duplicate key; the transaction then starts
   * over with `ON CONFLICT DO NOTHING`. Under `update`, the plain insert runs when no staged
   * event is stored (`present`, counted in the same transaction).
   */
  async #insertEvents(files: StagedFiles, present: number): Promise<number> {
    const connection = this.connection
    const insert = `INSERT INTO evnorm_events ${selectEventsSql(literal(files.eventsPath))}`
    if (this.#onConflict === 'update') {
      const sql =
        present === 0 ? insert : `${insert} ON CONFLICT (id) DO UPDATE SET ${EVENT_UPDATES}`
      return (await connection.run(sql)).rowsChanged
    }
    try {
      return (await connection.run(insert)).rowsChanged
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      await connection.run('ROLLBACK')
      await connection.run('BEGIN TRANSACTION')
      return (await connection.run(`${insert} ON CONFLICT DO NOTHING`)).rowsChanged
    }
  }

  /** Staged events already stored (counted only under `update`, where the insert counts both). */
  async #countPresent(files: StagedFiles): Promise<number> {
    if (this.#onConflict !== 'update' || files.unique === 0) return 0
    const result = await this.connection.runAndReadAll(
      `SELECT count(*) FROM read_ndjson_objects(${literal(files.eventsPath)}) s JOIN evnorm_events e ON e.id = CAST(s.json->>'id' AS UUID)`,
    )
    return Number(result.getRows()[0]?.[0] ?? 0)
  }
}

/** What a staged unit hands to the transaction: its files and what they hold. */
interface StagedFiles {
  readonly eventsPath: string
  /** Events added, duplicates included. */
  readonly events: number
  /** Lines of the events file: the first event of each id. */
  readonly unique: number
  readonly rejectionsPath: string
  /** Lines of the rejections file. */
  readonly rejections: number
}

/**
 * A unit of the DuckDB sink, staged in two NDJSON files: each `add` serializes its batch and
 * queues the write, waiting only for the previous batch's write, so normalizing and writing
 * overlap and at most two batches are held in memory.
 */
class DuckDbStagedUnit implements StagedUnit {
  #events = 0
  readonly #ids = new Set<string>()
  readonly #eventsFile: StagingFile
  readonly #rejectionsFile: StagingFile
  readonly #target: string
  readonly #origin: string
  readonly #store: (files: StagedFiles, checkpoint?: Checkpoint) => Promise<SinkWriteResult>

  constructor(
    target: string,
    origin: string,
    name: string,
    store: (files: StagedFiles, checkpoint?: Checkpoint) => Promise<SinkWriteResult>,
  ) {
    this.#target = target
    this.#origin = origin
    this.#eventsFile = new StagingFile(`${name}.events.ndjson`)
    this.#rejectionsFile = new StagingFile(`${name}.rejections.ndjson`)
    this.#store = store
  }

  get events(): number {
    return this.#events
  }

  async add(events: UnitEvents, rejections: readonly Rejection[]): Promise<void> {
    this.#events += eventCount(events)
    const fresh = uniqueEventNdjson(events, this.#ids)
    let rows = ''
    for (const rejection of rejections) {
      rows += `${JSON.stringify(rejectionRow(rejection, this.#origin))}\n`
    }
    try {
      await Promise.all([
        this.#eventsFile.append(fresh.ndjson, fresh.count),
        this.#rejectionsFile.append(rows, rejections.length),
      ])
    } catch (error) {
      throw sinkError(this.#target, 'cannot stage the unit', error)
    }
  }

  async commit(checkpoint?: Checkpoint): Promise<SinkWriteResult> {
    try {
      await Promise.all([this.#eventsFile.finish(), this.#rejectionsFile.finish()]).catch(
        (error: unknown) => {
          throw sinkError(this.#target, 'cannot stage the unit', error)
        },
      )
      return await this.#store(
        {
          eventsPath: this.#eventsFile.path,
          events: this.#events,
          unique: this.#eventsFile.lines,
          rejectionsPath: this.#rejectionsFile.path,
          rejections: this.#rejectionsFile.lines,
        },
        checkpoint,
      )
    } finally {
      await this.discard()
    }
  }

  /** Closes and deletes the staging files, when the unit is not to be committed. */
  async discard(): Promise<void> {
    await Promise.all([this.#eventsFile.remove(), this.#rejectionsFile.remove()])
  }
}

/**
 * A staging file written in order, opened at the first line: `append` queues its text behind
 * the previous write and waits only for that one.
 */
class StagingFile {
  readonly path: string
  /** Lines queued so far. */
  lines = 0
  #handle: Promise<FileHandle> | undefined
  #written: Promise<void> = Promise.resolve()

  constructor(path: string) {
    this.path = path
  }

  async append(text: string | Uint8Array, lines: number): Promise<void> {
    if (lines === 0) return
    this.lines += lines
    this.#handle ??= open(this.path, 'w')
    const handle = this.#handle
    const previous = this.#written
    this.#written = previous.then(async () => {
      const file = await handle
      await (typeof text === 'string' ? file.write(text) : file.write(text))
    })
    this.#written.catch(() => {})
    await previous
  }

  /** Waits for every write and closes the file (once). */
  async finish(): Promise<void> {
    const handle = this.#handle
    this.#handle = undefined
    try {
      await this.#written
    } finally {
      if (handle !== undefined) await (await handle).close()
    }
  }

  async remove(): Promise<void> {
    await this.finish().catch(() => {})
    await rm(this.path, { force: true })
  }
}

/** Whether DuckDB refused a statement for a key that is stored already. */
function isDuplicateKey(error: unknown): boolean {
  return error instanceof Error && /^Constraint Error: Duplicate key /.test(error.message)
}

/** A path as a single-quoted SQL string. */
export function literal(path: string): string {
  return `'${path.replaceAll("'", "''")}'`
}

/** A {@link SinkError} for the target, with DuckDB's first message line as the reason. */
export function sinkError(target: string, doing: string, error: unknown): SinkError {
  const text = error instanceof Error ? error.message : String(error)
  return new SinkError({ target, problem: `${doing}: ${text.split('\n')[0]}`, cause: error })
}
