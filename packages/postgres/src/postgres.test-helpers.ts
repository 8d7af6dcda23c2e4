import { randomUUID } from 'node:crypto'
import { describeUnavailable } from '@evnorm/core/testing'
import pg from 'pg'
import { afterAll, describe } from 'vitest'
import { describeFailure } from './postgres-target.js'

const HOW_TO_START =
  'start it with `scripts/services.sh up postgres` and export the EVNORM_PG_URL line it prints'

/** A real PostgreSQL server for tests, with a fresh schema per call of `freshSchema`. */
export interface TestPostgres {
  /** The server's URL, from `EVNORM_PG_URL`. */
  readonly url: string
  /** A new empty schema, dropped after the suite. */
  freshSchema(): Promise<string>
  /** Runs SQL on a second connection (for checks and for faults). */
  query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>
}

/** Why the server from `EVNORM_PG_URL` cannot be used, or undefined when it can. */
async function unavailability(url: string | undefined): Promise<string | undefined> {
  if (!url) return 'EVNORM_PG_URL is not set'
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('select 1')
    return undefined
  } catch (error) {
    return `the server in EVNORM_PG_URL is unreachable (${describeFailure(error)})`
  } finally {
    await client.end().catch(() => undefined)
  }
}

const url = process.env.EVNORM_PG_URL
const reason = await unavailability(url)

/**
 * `describe` for tests that need a real PostgreSQL server (`EVNORM_PG_URL`). When it is unset
 * or unreachable, the suite fails under `CI=true` and is skipped, with a message saying how to
 * start the server, elsewhere.
 */
export function describePostgres(name: string, body: (postgres: TestPostgres) => void): void {
  if (url === undefined || reason !== undefined) {
    describeUnavailable(
      name,
      'a PostgreSQL server',
      `PostgreSQL is needed: ${reason}; ${HOW_TO_START}`,
    )
    return
  }
  describe(name, () => {
    const admin = new pg.Client({ connectionString: url })
    admin.on('error', () => undefined)
    const connected = admin.connect()
    const schemas: string[] = []
    afterAll(async () => {
      for (const schema of schemas) await admin.query(`drop schema if exists "${schema}" cascade`)
      await admin.end()
    })
    const query = async <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => {
      await connected
      return (await admin.query<R>(sql, values)).rows
    }
    body({
      url,
      query,
      async freshSchema() {
        const schema = `evnorm_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`
        await query(`create schema "${schema}"`)
        schemas.push(schema)
        return schema
      },
    })
  })
}
