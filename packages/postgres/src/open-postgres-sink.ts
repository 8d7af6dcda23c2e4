import { type ConflictPolicy, type Sink, SinkError } from '@evnorm/core/sink'
import pg from 'pg'
import { CHECKPOINTS_TABLE, quoteIdentifier } from './postgres-layout.js'
import { describeFailure, postgresTarget } from './postgres-target.js'
import { prepareLayout } from './prepare-layout.js'
import { unitStatements, writeUnit } from './write-unit.js'

/** How long opening a connection may take by default before the sink gives up. */
export const CONNECT_TIMEOUT_MS = 10_000

/** Options of {@link openPostgresSink}. */
export interface PostgresSinkOptions {
  /**
   * Connection URL, e.g. `postgres://user:password@host:5432/db` (any URL `pg` accepts,
   * `sslmode` included). Messages name it without the password.
   */
  readonly url: string
  /**
   * What to do with an event whose id is already stored: `nothing` (default) leaves the stored
   * row; `update` replaces it when it differs (to re-normalize with a newer evnorm).
   */
  readonly onConflict?: ConflictPolicy
  /**
   * Schema holding the evnorm tables, created when missing. Default: the connection's current
   * schema (the first existing one on its `search_path`, usually `public`).
   */
  readonly schema?: string
  /** How long connecting may take, in milliseconds. Default: {@link CONNECT_TIMEOUT_MS}. */
  readonly connectTimeoutMs?: number
}

/**
 * Opens a PostgreSQL sink: connects (giving up after `connectTimeoutMs`), creates the
 * missing evnorm tables (`evnorm_events`, `evnorm_rejections`, `evnorm_checkpoints`,
 * `evnorm_meta`) and checks the existing ones. Each {@link Sink.write} is one transaction:
 * events and rejections are bulk-loaded with `COPY` and inserted idempotently (by event id and
 * rejection key), the checkpoint saved with them. Writes run one at a time on one connection.
 *
 * @throws {SinkError} when the server cannot be reached or refuses the login, or the schema
 * holds a newer layout or a table of the same name with other columns. Every later failure is
 * a `SinkError` too; its `target` is the URL without its password.
 */
export async function openPostgresSink(options: PostgresSinkOptions): Promise<Sink> {
  const target = postgresTarget(options.url)
  const failure = (doing: string, error: unknown): SinkError =>
    SinkError.isInstance(error)
      ? error
      : new SinkError({ target, problem: `${doing}: ${describeFailure(error)}`, cause: error })
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    keepAlive: true,
    application_name: 'evnorm',
  })
  client.on('error', () => undefined)
  let schema: string
  try {
    await client.connect()
    schema = await prepareLayout(client, target, options.schema)
  } catch (error) {
    await client.end().catch(() => undefined)
    throw failure('cannot open the evnorm tables', error)
  }
  const statements = unitStatements(schema, options.onConflict ?? 'nothing')
  const readCheckpoint = `select cursor from ${quoteIdentifier(schema)}.${CHECKPOINTS_TABLE.name} where stream = $1`
  let queue: Promise<unknown> = Promise.resolve()
  const serially = <T>(doing: string, operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation).catch((error: unknown) => {
      throw failure(doing, error)
    })
    queue = run.catch(() => undefined)
    return run
  }
  let closed = false
  return {
    target,
    write: (unit) =>
      serially('the unit was not stored and its checkpoint did not advance', () =>
        writeUnit(client, statements, unit),
      ),
    readCheckpoint: (stream) =>
      serially('cannot read the checkpoint', async () => {
        const { rows } = await client.query<{ cursor: string }>(readCheckpoint, [stream])
        return rows[0]?.cursor
      }),
    close: () =>
      serially('cannot close the connection', async () => {
        if (closed) return
        closed = true
        await client.end().catch(() => undefined)
      }),
  }
}
