import { type DuckDBConnection, DuckDBDataChunk, DuckDBInstance, VARCHAR } from '@duckdb/node-api'
import {
  type ConflictPolicy,
  LAYOUT_VERSION,
  rejectionRow,
  type Sink,
  SinkError,
  type SinkUnit,
  type SinkWriteResult,
} from '@evnorm/core/sink'
import { DUCKDB_TABLES, EVENT_COLUMNS_FROM_JSON } from './duckdb-layout.js'
import { ensureDuckDbLayout } from './ensure-duckdb-layout.js'

/** Options of {@link openDuckDbSink}. */
export interface DuckDbSinkOptions {
  /** The database file, created when missing; `:memory:` for a database in memory. */
  readonly path: string
  /** An event whose id is stored already: left alone (`nothing`, the default) or replaced (`update`). */
  readonly onConflict?: ConflictPolicy
}

/** Rows per chunk appended to a staging table (DuckDB's vector size). */
const CHUNK_ROWS = 2048

const EVENT_UPDATES = DUCKDB_TABLES.evnorm_events
  .slice(1)
  .map(([name]) => `"${name}" = excluded."${name}"`)
  .join(', ')

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
    for (const table of ['events', 'rejections']) {
      await connection.run(`CREATE TEMP TABLE staged_${table} (j VARCHAR)`)
    }
  } catch (error) {
    connection.closeSync()
    instance.closeSync()
    throw SinkError.isInstance(error) ? error : sinkError(target, 'cannot prepare tables', error)
  }
  return new DuckDbSink(target, instance, connection, options.onConflict ?? 'nothing')
}

/** A DuckDB database holding the evnorm tables; see {@link openDuckDbSink}. */
export class DuckDbSink implements Sink {
  readonly target: string
  /** The open connection, for reading back or exporting what was stored. */
  readonly connection: DuckDBConnection
  readonly #instance: DuckDBInstance
  readonly #onConflict: ConflictPolicy

  constructor(
    target: string,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    onConflict: ConflictPolicy,
  ) {
    this.target = target
    this.connection = connection
    this.#instance = instance
    this.#onConflict = onConflict
  }

  async write(unit: SinkUnit): Promise<SinkWriteResult> {
    const events = uniqueEventTexts(unit)
    const rejections = unit.rejections.map((rejection) =>
      JSON.stringify(rejectionRow(rejection, unit.origin)),
    )
    const connection = this.connection
    try {
      await connection.run('BEGIN TRANSACTION')
      await stage(connection, 'staged_events', events)
      await stage(connection, 'staged_rejections', rejections)
      const present = await this.#countPresent(events.length)
      const changed = await connection.run(
        `INSERT INTO evnorm_events SELECT ${EVENT_COLUMNS_FROM_JSON} FROM (SELECT CAST(j AS JSON) AS j FROM temp.staged_events) ${
          this.#onConflict === 'update'
            ? `ON CONFLICT (id) DO UPDATE SET ${EVENT_UPDATES}`
            : 'ON CONFLICT DO NOTHING'
        }`,
      )
      const stored = await connection.run(
        `INSERT INTO evnorm_rejections SELECT j->>'key', j->>'feed', j->>'origin', CAST(j->>'index' AS BIGINT), j->>'locator', j->>'path', j->>'reason', j->>'message', j->>'raw', now() FROM (SELECT CAST(j AS JSON) AS j FROM temp.staged_rejections) ON CONFLICT DO NOTHING`,
      )
      if (unit.checkpoint !== undefined) {
        await connection.run(
          'INSERT INTO evnorm_checkpoints VALUES ($1, $2, now()) ON CONFLICT (stream) DO UPDATE SET "cursor" = excluded."cursor", updated_at = excluded.updated_at',
          [unit.checkpoint.stream, unit.checkpoint.cursor],
        )
      }
      await connection.run('DELETE FROM temp.staged_events')
      await connection.run('DELETE FROM temp.staged_rejections')
      await connection.run('COMMIT')
      const inserted = this.#onConflict === 'update' ? events.length - present : changed.rowsChanged
      return {
        inserted,
        present: unit.events.length - inserted,
        rejectionsStored: stored.rowsChanged,
      }
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
  }

  /** Staged events already stored (counted only under `update`, where the insert counts both). */
  async #countPresent(staged: number): Promise<number> {
    if (this.#onConflict !== 'update' || staged === 0) return 0
    const result = await this.connection.runAndReadAll(
      `SELECT count(*) FROM temp.staged_events s JOIN evnorm_events e ON e.id = CAST(CAST(s.j AS JSON)->>'id' AS UUID)`,
    )
    return Number(result.getRows()[0]?.[0] ?? 0)
  }
}

/** The unit's events as JSON, the first of each id only. */
function uniqueEventTexts(unit: SinkUnit): string[] {
  const seen = new Set<string>()
  const texts: string[] = []
  for (const event of unit.events) {
    if (seen.has(event.id)) continue
    seen.add(event.id)
    texts.push(JSON.stringify(event))
  }
  return texts
}

/** Appends texts to a one-column temporary table, a chunk at a time. */
async function stage(
  connection: DuckDBConnection,
  table: string,
  texts: readonly string[],
): Promise<void> {
  if (texts.length === 0) return
  const appender = await connection.createAppender(table, 'main', 'temp')
  for (let start = 0; start < texts.length; start += CHUNK_ROWS) {
    const part = texts.slice(start, start + CHUNK_ROWS)
    const chunk = DuckDBDataChunk.create([VARCHAR], part.length)
    chunk.setColumnValues(0, part)
    appender.appendDataChunk(chunk)
  }
  appender.closeSync()
}

/** A {@link SinkError} for the target, with DuckDB's first message line as the reason. */
export function sinkError(target: string, doing: string, error: unknown): SinkError {
  const text = error instanceof Error ? error.message : String(error)
  return new SinkError({ target, problem: `${doing}: ${text.split('\n')[0]}`, cause: error })
}
