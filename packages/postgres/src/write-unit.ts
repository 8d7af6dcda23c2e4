import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Rejection } from '@evnorm/core'
import {
  type ConflictPolicy,
  eventCount,
  rejectionRow,
  type SinkUnit,
  type SinkWriteResult,
  type UnitEvents,
  uniqueEventTexts,
} from '@evnorm/core/sink'
import type pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { copyField, copyJsonField } from './copy-text.js'
import {
  CHECKPOINTS_TABLE,
  EVENTS_TABLE,
  quoteIdentifier,
  REJECTIONS_TABLE,
} from './postgres-layout.js'

const STAGED_EVENTS = 'evnorm_staged_events'
const STAGED_REJECTIONS = 'evnorm_staged_rejections'
const CHUNK_CHARACTERS = 1 << 16

/** How each `evnorm_events` column is read from the staged event (`e`, jsonb). */
export const EVENT_COLUMN_VALUES: Readonly<Record<string, string>> = {
  id: "(e->>'id')::uuid",
  schema: "e->>'schema'",
  type: "e->>'type'",
  channel: "e->>'channel'",
  occurred_at: "(e->>'occurredAt')::timestamptz",
  occurred_at_ns: "e->>'occurredAt'",
  count: "(e->>'count')::integer",
  vendor: "e#>>'{source,vendor}'",
  feed: "e#>>'{source,feed}'",
  verb: "e#>>'{source,verb}'",
  record_id: "e#>>'{source,recordId}'",
  recipient_email: "e#>>'{recipient,email}'",
  recipient_phone: "e#>>'{recipient,phone}'",
  profile_id: "e#>>'{recipient,profileId}'",
  campaign_id: "e#>>'{campaign,id}'",
  test: "coalesce((e->>'test')::boolean, false)",
  details: "e->'details'",
  context: "e->'context'",
  source: "e->'source'",
  event: 'e',
  loaded_at: 'now()',
}

/** The statements of one unit's transaction, for one schema and conflict policy. */
export interface UnitStatements {
  readonly stageEvents: string
  readonly copyEvents: string
  readonly insertEvents: string
  readonly stageRejections: string
  readonly copyRejections: string
  readonly insertRejections: string
  readonly saveCheckpoint: string
}

/** The statements that write a unit into the tables of `schema` under `onConflict`. */
export function unitStatements(schema: string, onConflict: ConflictPolicy): UnitStatements {
  const table = (name: string) => `${quoteIdentifier(schema)}.${name}`
  const events = table(EVENTS_TABLE.name)
  const columns = EVENTS_TABLE.columns.map((c) => quoteIdentifier(c.name))
  const values = EVENTS_TABLE.columns.map((c) => EVENT_COLUMN_VALUES[c.name])
  const conflict =
    onConflict === 'update'
      ? `do update set ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}
         where ${events}.event is distinct from excluded.event`
      : 'do nothing'
  return {
    stageEvents: `create temp table ${STAGED_EVENTS} (e jsonb not null) on commit drop`,
    copyEvents: `copy ${STAGED_EVENTS} (e) from stdin`,
    insertEvents: `with written as (
      insert into ${events} (${columns.join(', ')})
      select ${values.join(', ')} from ${STAGED_EVENTS}
      on conflict (id) ${conflict}
      returning xmax = 0 as fresh)
    select count(*) filter (where fresh)::integer as inserted from written`,
    stageRejections: `create temp table ${STAGED_REJECTIONS}
      (like ${table(REJECTIONS_TABLE.name)} including defaults) on commit drop`,
    copyRejections: `copy ${STAGED_REJECTIONS} (${REJECTIONS_TABLE.columns
      .filter((c) => c.name !== 'loaded_at')
      .map((c) => quoteIdentifier(c.name))
      .join(', ')}) from stdin`,
    insertRejections: `insert into ${table(REJECTIONS_TABLE.name)}
      select * from ${STAGED_REJECTIONS} on conflict (key) do nothing`,
    saveCheckpoint: `insert into ${table(CHECKPOINTS_TABLE.name)} (stream, cursor, updated_at)
      values ($1, $2, now())
      on conflict (stream) do update set cursor = excluded.cursor, updated_at = excluded.updated_at`,
  }
}

/**
 * Writes a unit in one transaction: events and rejections are copied into temporary tables and
 * inserted from there, skipping ids and rejection keys already stored; the checkpoint is saved
 * last. On any error the transaction is rolled back and the error rethrown.
 */
export async function writeUnit(
  client: pg.Client,
  statements: UnitStatements,
  unit: SinkUnit,
): Promise<SinkWriteResult> {
  await client.query('begin')
  try {
    const count = eventCount(unit.events)
    const inserted = count > 0 ? await writeEvents(client, statements, unit.events) : 0
    const rejectionsStored =
      unit.rejections.length > 0 ? await writeRejections(client, statements, unit) : 0
    if (unit.checkpoint !== undefined) {
      await client.query(statements.saveCheckpoint, [
        unit.checkpoint.stream,
        unit.checkpoint.cursor,
      ])
    }
    await client.query('commit')
    return { inserted, present: count - inserted, rejectionsStored }
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  }
}

async function writeEvents(
  client: pg.Client,
  statements: UnitStatements,
  events: UnitEvents,
): Promise<number> {
  await client.query(statements.stageEvents)
  await copy(client, statements.copyEvents, eventLines(events))
  const { rows } = await client.query<{ inserted: number }>(statements.insertEvents)
  return rows[0]?.inserted ?? 0
}

async function writeRejections(
  client: pg.Client,
  statements: UnitStatements,
  unit: SinkUnit,
): Promise<number> {
  await client.query(statements.stageRejections)
  await copy(client, statements.copyRejections, rejectionLines(unit.rejections, unit.origin))
  const { rowCount } = await client.query(statements.insertRejections)
  return rowCount ?? 0
}

async function copy(client: pg.Client, sql: string, lines: Iterable<string>): Promise<void> {
  await pipeline(Readable.from(chunks(lines)), client.query(copyStreams.from(sql)))
}

/** The lines joined into chunks of about {@link CHUNK_CHARACTERS}. */
function* chunks(lines: Iterable<string>): Generator<string> {
  let chunk = ''
  for (const line of lines) {
    chunk += line
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk !== '') yield chunk
}

/** One `COPY` line per event, the first of events sharing an id only. */
function* eventLines(events: UnitEvents): Generator<string> {
  for (const text of uniqueEventTexts(events)) yield `${copyJsonField(text)}\n`
}

function* rejectionLines(rejections: readonly Rejection[], origin: string): Generator<string> {
  for (const rejection of rejections) {
    const row = rejectionRow(rejection, origin)
    yield `${[
      copyField(row.key),
      copyField(row.feed),
      copyField(row.origin),
      String(row.index),
      copyField(row.locator),
      copyJsonField(row.path),
      copyField(row.reason),
      copyField(row.message),
      copyJsonField(row.raw),
    ].join('\t')}\n`
  }
}
