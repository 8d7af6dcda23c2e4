import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import {
  type ConflictPolicy,
  eventCount,
  LAYOUT_VERSION,
  rejectionRow,
  type Sink,
  SinkError,
  type SinkUnit,
  type SinkWriteResult,
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
  readonly #events: string
  readonly #rejections: string
  readonly #staging: string

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
    this.#events = join(staging, 'events.ndjson')
    this.#rejections = join(staging, 'rejections.ndjson')
    this.#onConflict = onConflict
  }

  async write(unit: SinkUnit): Promise<SinkWriteResult> {
    const connection = this.connection
    try {
      const events = uniqueEventNdjson(unit.events)
      const rejections = unit.rejections.map(
        (rejection) => `${JSON.stringify(rejectionRow(rejection, unit.origin))}\n`,
      )
      await writeFile(this.#events, events.ndjson)
      await writeFile(this.#rejections, rejections.join(''))
      await connection.run('BEGIN TRANSACTION')
      const present = await this.#countPresent(events.count)
      const changed =
        events.count === 0
          ? 0
          : (
              await connection.run(
                `INSERT INTO evnorm_events ${selectEventsSql(literal(this.#events))} ${
                  this.#onConflict === 'update'
                    ? `ON CONFLICT (id) DO UPDATE SET ${EVENT_UPDATES}`
                    : 'ON CONFLICT DO NOTHING'
                }`,
              )
            ).rowsChanged
      const stored =
        rejections.length === 0
          ? 0
          : (
              await connection.run(
                `INSERT INTO evnorm_rejections ${selectRejectionsSql(literal(this.#rejections))} ON CONFLICT DO NOTHING`,
              )
            ).rowsChanged
      if (unit.checkpoint !== undefined) {
        await connection.run(
          'INSERT INTO evnorm_checkpoints VALUES ($1, $2, now()) ON CONFLICT (stream) DO UPDATE SET "cursor" = excluded."cursor", updated_at = excluded.updated_at',
          [unit.checkpoint.stream, unit.checkpoint.cursor],
        )
      }
      await connection.run('COMMIT')
      const inserted = this.#onConflict === 'update' ? events.count - present : changed
      return { inserted, present: eventCount(unit.events) - inserted, rejectionsStored: stored }
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => {})
      throw sinkError(this.target, 'cannot store the unit', error)
    }
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
    await rm(this.#staging, { recursive: true, force: true })
  }

  /** Staged events already stored (counted only under `update`, where the insert counts both). */
  async #countPresent(staged: number): Promise<number> {
    if (this.#onConflict !== 'update' || staged === 0) return 0
    const result = await this.connection.runAndReadAll(
      `SELECT count(*) FROM read_ndjson_objects(${literal(this.#events)}) s JOIN evnorm_events e ON e.id = CAST(s.json->>'id' AS UUID)`,
    )
    return Number(result.getRows()[0]?.[0] ?? 0)
  }
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
