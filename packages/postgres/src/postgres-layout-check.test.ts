import { LAYOUT_VERSION, SinkError } from '@evnorm/core/sink'
import { expect, it } from 'vitest'
import { openPostgresSink } from './open-postgres-sink.js'
import { describePostgres } from './postgres.test-helpers.js'
import { postgresTarget } from './postgres-target.js'

describePostgres('openPostgresSink and the table layout', (postgres) => {
  const refusal = async (schema: string): Promise<SinkError> => {
    const error = await openPostgresSink({ url: postgres.url, schema }).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(SinkError.isInstance(error)).toBe(true)
    return error as SinkError
  }

  it('creates the four tables and records the layout version, once', async () => {
    const schema = await postgres.freshSchema()
    await (await openPostgresSink({ url: postgres.url, schema })).close()
    await (await openPostgresSink({ url: postgres.url, schema })).close()
    const tables = await postgres.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by 1',
      [schema],
    )
    expect(tables.map((row) => row.table_name)).toEqual([
      'evnorm_checkpoints',
      'evnorm_events',
      'evnorm_meta',
      'evnorm_rejections',
    ])
    expect(await postgres.query(`select key, value from "${schema}".evnorm_meta`)).toEqual([
      { key: 'layout_version', value: String(LAYOUT_VERSION) },
    ])
  })

  it('creates a schema that does not exist yet', async () => {
    const schema = `${await postgres.freshSchema()}_new`
    const sink = await openPostgresSink({ url: postgres.url, schema })
    await sink.close()
    await postgres.query(`drop schema "${schema}" cascade`)
  })

  it('refuses a layout newer than it knows', async () => {
    const schema = await postgres.freshSchema()
    await (await openPostgresSink({ url: postgres.url, schema })).close()
    await postgres.query(`update "${schema}".evnorm_meta set value = $1`, [
      String(LAYOUT_VERSION + 1),
    ])
    const error = await refusal(schema)
    expect(error.message).toContain(`layout version ${LAYOUT_VERSION + 1}, newer than version`)
    expect(error.target).toBe(postgresTarget(postgres.url))
  })

  it('refuses an evnorm_events table of another layout, naming the table and columns', async () => {
    const schema = await postgres.freshSchema()
    await postgres.query(
      `create table "${schema}".evnorm_events (id bigint primary key, type text, payload json)`,
    )
    const error = await refusal(schema)
    expect(error.message).toContain(`table ${schema}.evnorm_events exists but does not have`)
    expect(error.message).toContain('missing columns schema, channel, occurred_at')
    expect(error.message).toContain('unexpected columns payload')
    expect(error.message).toContain('id is bigint, not uuid')
    const tables = await postgres.query(
      'select table_name from information_schema.tables where table_schema = $1',
      [schema],
    )
    expect(tables).toHaveLength(1)
  })
})
