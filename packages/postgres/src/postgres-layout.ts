/** A column of the evnorm layout: its name, its type as PostgreSQL reports it, and its constraint. */
export interface LayoutColumn {
  readonly name: string
  readonly type: string
  readonly constraint?: string
}

/** A table of the evnorm layout. */
export interface LayoutTable {
  readonly name: string
  readonly columns: readonly LayoutColumn[]
}

const TIMESTAMP = 'timestamp with time zone'
const column = (name: string, type: string, constraint?: string): LayoutColumn =>
  constraint === undefined ? { name, type } : { name, type, constraint }

/** `evnorm_events`: one row per event, keyed by the event id. */
export const EVENTS_TABLE: LayoutTable = {
  name: 'evnorm_events',
  columns: [
    column('id', 'uuid', 'primary key'),
    column('schema', 'text', 'not null'),
    column('type', 'text', 'not null'),
    column('channel', 'text', 'not null'),
    column('occurred_at', TIMESTAMP, 'not null'),
    column('occurred_at_ns', 'text', 'not null'),
    column('count', 'integer', 'not null'),
    column('vendor', 'text', 'not null'),
    column('feed', 'text', 'not null'),
    column('verb', 'text', 'not null'),
    column('record_id', 'text'),
    column('recipient_email', 'text'),
    column('recipient_phone', 'text'),
    column('profile_id', 'text'),
    column('campaign_id', 'text'),
    column('test', 'boolean', 'not null'),
    column('details', 'jsonb'),
    column('context', 'jsonb'),
    column('source', 'jsonb', 'not null'),
    column('event', 'jsonb', 'not null'),
    column('loaded_at', TIMESTAMP, 'not null default now()'),
  ],
}

/** `evnorm_rejections`: one row per rejected record, keyed by the rejection key. */
export const REJECTIONS_TABLE: LayoutTable = {
  name: 'evnorm_rejections',
  columns: [
    column('key', 'text', 'primary key'),
    column('feed', 'text', 'not null'),
    column('origin', 'text', 'not null'),
    column('index', 'bigint', 'not null'),
    column('locator', 'text', 'not null'),
    column('path', 'jsonb', 'not null'),
    column('reason', 'text', 'not null'),
    column('message', 'text', 'not null'),
    column('raw', 'jsonb', 'not null'),
    column('loaded_at', TIMESTAMP, 'not null default now()'),
  ],
}

/** `evnorm_checkpoints`: the cursor of each stream. */
export const CHECKPOINTS_TABLE: LayoutTable = {
  name: 'evnorm_checkpoints',
  columns: [
    column('stream', 'text', 'primary key'),
    column('cursor', 'text', 'not null'),
    column('updated_at', TIMESTAMP, 'not null default now()'),
  ],
}

/** `evnorm_meta`: key/value facts about the layout, `layout_version` among them. */
export const META_TABLE: LayoutTable = {
  name: 'evnorm_meta',
  columns: [column('key', 'text', 'primary key'), column('value', 'text', 'not null')],
}

/** The four tables, in creation order. */
export const LAYOUT_TABLES: readonly LayoutTable[] = [
  EVENTS_TABLE,
  REJECTIONS_TABLE,
  CHECKPOINTS_TABLE,
  META_TABLE,
]

/** The `evnorm_meta` key holding the layout version. */
export const LAYOUT_VERSION_KEY = 'layout_version'

/** A PostgreSQL identifier, quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** The `create table` statement of a layout table, in `schema` (quoted) when given. */
export function createTableSql(table: LayoutTable, schema?: string): string {
  const name = schema === undefined ? table.name : `${schema}.${table.name}`
  const columns = table.columns.map(
    (c) => `  ${quoteIdentifier(c.name)} ${c.type}${c.constraint ? ` ${c.constraint}` : ''}`,
  )
  return `create table ${name} (\n${columns.join(',\n')}\n);`
}

/**
 * What differs between a table's expected columns and the ones it has (name → type), as
 * readable phrases; empty when they match.
 */
export function columnDifferences(
  table: LayoutTable,
  actual: ReadonlyMap<string, string>,
): string[] {
  const expected = new Map(table.columns.map((c) => [c.name, c.type]))
  const missing = [...expected.keys()].filter((name) => !actual.has(name))
  const unexpected = [...actual.keys()].filter((name) => !expected.has(name))
  const retyped = [...expected].flatMap(([name, type]) => {
    const found = actual.get(name)
    return found === undefined || found === type ? [] : [`${name} is ${found}, not ${type}`]
  })
  return [
    ...(missing.length ? [`missing columns ${missing.join(', ')}`] : []),
    ...(unexpected.length ? [`unexpected columns ${unexpected.join(', ')}`] : []),
    ...retyped,
  ]
}
