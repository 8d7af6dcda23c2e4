import type { DuckDBConnection } from '@duckdb/node-api'
import { SinkError } from '@evnorm/core/sink'
import { createTableSql, DUCKDB_TABLES, type DuckDbTable, reportedType } from './duckdb-layout.js'

/**
 * Creates the missing evnorm tables and records the layout version, in one transaction; throws
 * a {@link SinkError} when the database holds a newer layout or a table whose columns differ.
 */
export async function ensureDuckDbLayout(
  connection: DuckDBConnection,
  target: string,
  version: number,
): Promise<void> {
  await connection.run('BEGIN TRANSACTION')
  try {
    for (const table of Object.keys(DUCKDB_TABLES) as DuckDbTable[]) {
      const problem = await findColumnProblem(connection, table)
      if (problem !== undefined) {
        throw new SinkError({
          target,
          problem: `table ${table} does not have the evnorm layout (${problem}); load into another database or rename that table`,
        })
      }
      await connection.run(createTableSql(table))
    }
    const stored = await connection.runAndReadAll(
      `SELECT value FROM evnorm_meta WHERE key = 'layout_version'`,
    )
    const storedVersion = Number(stored.getRows()[0]?.[0] ?? version)
    if (storedVersion > version) {
      throw new SinkError({
        target,
        problem: `the tables have layout version ${storedVersion}, newer than version ${version} this evnorm knows; upgrade evnorm`,
      })
    }
    await connection.run(
      `INSERT INTO evnorm_meta VALUES ('layout_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(version)],
    )
    await connection.run('COMMIT')
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => {})
    throw error
  }
}

/** How an existing table's columns differ from the layout, or undefined (also when it is missing). */
async function findColumnProblem(
  connection: DuckDBConnection,
  table: DuckDbTable,
): Promise<string | undefined> {
  const result = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  )
  const actual = result.getRows().map(([name, type]) => `${String(name)} ${String(type)}`)
  if (actual.length === 0) return undefined
  const expected = DUCKDB_TABLES[table].map(([name, type]) => `${name} ${reportedType(type)}`)
  const missing = expected.filter((column) => !actual.includes(column))
  const unexpected = actual.filter((column) => !expected.includes(column))
  if (missing.length === 0 && unexpected.length === 0) return undefined
  return [
    missing.length === 0 ? '' : `missing ${missing.join(', ')}`,
    unexpected.length === 0 ? '' : `unexpected ${unexpected.join(', ')}`,
  ]
    .filter((part) => part !== '')
    .join('; ')
}
