import { LAYOUT_VERSION, SinkError } from '@evnorm/core/sink'
import type pg from 'pg'
import {
  columnDifferences,
  createTableSql,
  LAYOUT_TABLES,
  LAYOUT_VERSION_KEY,
  type LayoutTable,
  META_TABLE,
  quoteIdentifier,
} from './postgres-layout.js'

const LAYOUT_LOCK = "select pg_advisory_xact_lock(hashtext('evnorm layout'))"

/**
 * Checks the evnorm tables in `schema` (created when missing; the connection's current schema
 * when not given) and creates the missing ones with the layout version, in one transaction.
 * Refuses a layout newer than {@link LAYOUT_VERSION} and a table whose columns differ.
 * Resolves to the schema used.
 */
export async function prepareLayout(
  client: pg.Client,
  target: string,
  schema: string | undefined,
): Promise<string> {
  await client.query('begin')
  try {
    await client.query(LAYOUT_LOCK)
    if (schema !== undefined) {
      await client.query(`create schema if not exists ${quoteIdentifier(schema)}`)
    }
    const name = schema ?? (await currentSchema(client, target))
    const existing = await existingColumns(client, name)
    const refuse = (problem: string): SinkError => new SinkError({ target, problem })
    const qualified = quoteIdentifier(name)
    if (existing.has(META_TABLE.name)) {
      checkColumns(META_TABLE, existing, name, refuse)
      const stored = await storedVersion(client, qualified)
      if (stored !== undefined) checkVersion(stored, name, refuse)
    }
    for (const table of LAYOUT_TABLES) {
      if (existing.has(table.name)) checkColumns(table, existing, name, refuse)
      else await client.query(createTableSql(table, qualified))
    }
    await client.query(
      `insert into ${qualified}.${META_TABLE.name} (key, value) values ($1, $2) on conflict (key) do nothing`,
      [LAYOUT_VERSION_KEY, String(LAYOUT_VERSION)],
    )
    await client.query('commit')
    return name
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  }
}

async function currentSchema(client: pg.Client, target: string): Promise<string> {
  const { rows } = await client.query<{ name: string | null }>('select current_schema() as name')
  const name = rows[0]?.name
  if (!name) {
    throw new SinkError({
      target,
      problem: 'no schema to create the evnorm tables in: the search_path names no existing schema',
    })
  }
  return name
}

/** Columns (name → type) of the layout tables that exist in the schema, by table. */
async function existingColumns(
  client: pg.Client,
  schema: string,
): Promise<Map<string, Map<string, string>>> {
  const { rows } = await client.query<{ table: string; column: string; type: string }>(
    `select table_name as table, column_name as column, data_type as type
       from information_schema.columns
      where table_schema = $1 and table_name = any($2::text[])`,
    [schema, LAYOUT_TABLES.map((table) => table.name)],
  )
  const tables = new Map<string, Map<string, string>>()
  for (const row of rows) {
    const columns = tables.get(row.table) ?? new Map<string, string>()
    columns.set(row.column, row.type)
    tables.set(row.table, columns)
  }
  return tables
}

function checkColumns(
  table: LayoutTable,
  existing: ReadonlyMap<string, ReadonlyMap<string, string>>,
  schema: string,
  refuse: (problem: string) => SinkError,
): void {
  const differences = columnDifferences(table, existing.get(table.name) ?? new Map())
  if (differences.length > 0) {
    throw refuse(
      `table ${schema}.${table.name} exists but does not have the evnorm layout (version ${LAYOUT_VERSION}): ${differences.join('; ')}`,
    )
  }
}

function checkVersion(
  stored: string,
  schema: string,
  refuse: (problem: string) => SinkError,
): void {
  const version = Number(stored)
  if (!Number.isInteger(version) || version < 1) {
    throw refuse(`${schema}.${META_TABLE.name} holds an unreadable layout version '${stored}'`)
  }
  if (version > LAYOUT_VERSION) {
    throw refuse(
      `the evnorm tables in schema ${schema} have layout version ${version}, newer than version ${LAYOUT_VERSION} this evnorm knows: upgrade evnorm`,
    )
  }
}

async function storedVersion(client: pg.Client, schema: string): Promise<string | undefined> {
  const { rows } = await client.query<{ value: string }>(
    `select value from ${schema}.${META_TABLE.name} where key = $1`,
    [LAYOUT_VERSION_KEY],
  )
  return rows[0]?.value
}
