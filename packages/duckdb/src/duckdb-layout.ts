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
    ['test', 'BOOLEAN NOT NULL'],
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

/** The event fields read as text once per event, in this order (`v[1]`, `v[2]`, … in SQL). */
const EVENT_FIELDS = [
  'id',
  'schema',
  'type',
  'channel',
  'occurredAt',
  'count',
  'source.vendor',
  'source.feed',
  'source.verb',
  'source.recordId',
  'recipient.email',
  'recipient.phone',
  'recipient.profileId',
  'campaign.id',
  'test',
]

/**
 * A `SELECT` of the `evnorm_events` columns, in layout order, from `read_ndjson_objects` of a
 * file of canonical events (one JSON document per line, given as a quoted SQL string). Each
 * event is parsed once for its text fields and once for its `details`, `context` and `source`
 * objects (one `json_extract` per object parsed it three times: a fifth of the select's time). `occurred_at` is NULL for an instant outside
 * `TIMESTAMP_NS` (years 1678–2261); `occurred_at_ns` always holds the exact instant.
 */
export function selectEventsSql(fileLiteral: string): string {
  const paths = EVENT_FIELDS.map((field) => `'$.${field}'`).join(', ')
  const v = (field: string) => `v[${EVENT_FIELDS.indexOf(field) + 1}]`
  const columns = [
    `CAST(${v('id')} AS UUID)`,
    v('schema'),
    v('type'),
    v('channel'),
    `TRY_CAST(${v('occurredAt')} AS TIMESTAMP_NS)`,
    v('occurredAt'),
    `CAST(${v('count')} AS INTEGER)`,
    v('source.vendor'),
    v('source.feed'),
    v('source.verb'),
    v('source.recordId'),
    v('recipient.email'),
    v('recipient.phone'),
    v('recipient.profileId'),
    v('campaign.id'),
    `coalesce(CAST(${v('test')} AS BOOLEAN), false)`,
    'w[1]',
    'w[2]',
    'w[3]',
    'j',
    'now()',
  ]
  return `SELECT ${columns.join(', ')} FROM (SELECT json AS j, json_extract_string(json, [${paths}]) AS v, json_extract(json, ['$.details', '$.context', '$.source']) AS w FROM read_ndjson_objects(${fileLiteral}))`
}

/** The `evnorm_rejections` columns, in layout order, from a file of rejection rows as NDJSON. */
export function selectRejectionsSql(fileLiteral: string): string {
  const fields = ['key', 'feed', 'origin', 'index', 'locator', 'path', 'reason', 'message', 'raw']
  const paths = fields.map((field) => `'$.${field}'`).join(', ')
  const columns = fields.map((field, at) =>
    field === 'index' ? `CAST(v[${at + 1}] AS BIGINT)` : `v[${at + 1}]`,
  )
  return `SELECT ${columns.join(', ')}, now() FROM (SELECT json_extract_string(json, [${paths}]) AS v FROM read_ndjson_objects(${fileLiteral}))`
}
