/**
 * The evnorm table layout in DuckDB's dialect: every column of every table, in order, with its
 * type as DuckDB reports it in `information_schema.columns`.
 */
export const DUCKDB_TABLES = {
  evnorm_events: [
    ['id', 'UUID PRIMARY KEY'],
    ['schema', 'VARCHAR NOT NULL'],
    ['type', 'VARCHAR NOT NULL'],
    ['channel', 'VARCHAR NOT NULL'],
    ['occurred_at', 'TIMESTAMP_NS'],
    ['occurred_at_ns', 'VARCHAR NOT NULL'],
    ['count', 'INTEGER NOT NULL'],
    ['vendor', 'VARCHAR NOT NULL'],
    ['feed', 'VARCHAR NOT NULL'],
    ['verb', 'VARCHAR NOT NULL'],
    ['record_id', 'VARCHAR'],
    ['recipient_email', 'VARCHAR'],
    ['recipient_phone', 'VARCHAR'],
    ['profile_id', 'VARCHAR'],
    ['campaign_id', 'VARCHAR'],
    ['test', 'BOOLEAN'],
    ['details', 'JSON'],
    ['context', 'JSON'],
    ['source', 'JSON NOT NULL'],
    ['event', 'JSON NOT NULL'],
    ['loaded_at', 'TIMESTAMP WITH TIME ZONE NOT NULL'],
  ],
  evnorm_rejections: [
    ['key', 'VARCHAR PRIMARY KEY'],
    ['feed', 'VARCHAR NOT NULL'],
    ['origin', 'VARCHAR NOT NULL'],
    ['index', 'BIGINT NOT NULL'],
    ['locator', 'VARCHAR NOT NULL'],
    ['path', 'JSON NOT NULL'],
    ['reason', 'VARCHAR NOT NULL'],
    ['message', 'VARCHAR NOT NULL'],
    ['raw', 'JSON'],
    ['loaded_at', 'TIMESTAMP WITH TIME ZONE NOT NULL'],
  ],
  evnorm_checkpoints: [
    ['stream', 'VARCHAR PRIMARY KEY'],
    ['cursor', 'VARCHAR NOT NULL'],
    ['updated_at', 'TIMESTAMP WITH TIME ZONE NOT NULL'],
  ],
  evnorm_meta: [
    ['key', 'VARCHAR PRIMARY KEY'],
    ['value', 'VARCHAR NOT NULL'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>

/** A table of the layout. */
export type DuckDbTable = keyof typeof DUCKDB_TABLES

/** `CREATE TABLE IF NOT EXISTS` of one table. */
export function createTableSql(table: DuckDbTable): string {
  const columns = DUCKDB_TABLES[table].map(([name, type]) => `"${name}" ${type}`)
  return `CREATE TABLE IF NOT EXISTS ${table} (${columns.join(', ')})`
}

/** The column type as `information_schema.columns.data_type` spells it. */
export function reportedType(definition: string): string {
  return definition.replace(/ (PRIMARY KEY|NOT NULL)$/, '')
}

/**
 * The `evnorm_events` columns computed from a JSON column `j` holding the canonical event, in
 * layout order. `occurred_at` is NULL for an instant outside `TIMESTAMP_NS` (years 1678–2261);
 * `occurred_at_ns` always holds the exact instant.
 */
export const EVENT_COLUMNS_FROM_JSON = [
  `CAST(j->>'id' AS UUID)`,
  `j->>'schema'`,
  `j->>'type'`,
  `j->>'channel'`,
  `TRY_CAST(j->>'occurredAt' AS TIMESTAMP_NS)`,
  `j->>'occurredAt'`,
  `CAST(j->>'count' AS INTEGER)`,
  `j->'source'->>'vendor'`,
  `j->'source'->>'feed'`,
  `j->'source'->>'verb'`,
  `j->'source'->>'recordId'`,
  `j->'recipient'->>'email'`,
  `j->'recipient'->>'phone'`,
  `j->'recipient'->>'profileId'`,
  `j->'campaign'->>'id'`,
  `CAST(j->>'test' AS BOOLEAN)`,
  `j->'details'`,
  `j->'context'`,
  `j->'source'`,
  'j',
  'now()',
].join(', ')
