import type { CanonicalEvent, Rejection } from '@evnorm/core'
import type { SinkUnit } from '@evnorm/core/sink'
import { expect, it } from 'vitest'
import { openPostgresSink } from './open-postgres-sink.js'
import { describePostgres } from './postgres.test-helpers.js'
import { smailyUnit } from './smaily-events.test-helpers.js'

const unit = smailyUnit(2000, 3)

describePostgres('openPostgresSink', (postgres) => {
  const open = async (options: { onConflict?: 'nothing' | 'update' } = {}) => {
    const schema = await postgres.freshSchema()
    const sink = await openPostgresSink({ url: postgres.url, schema, ...options })
    return { schema, sink }
  }
  const counts = async (schema: string) =>
    (
      await postgres.query<{ events: number; ids: number; rejections: number }>(
        `select (select count(*)::int from "${schema}".evnorm_events) as events,
                (select count(distinct id)::int from "${schema}".evnorm_events) as ids,
                (select count(*)::int from "${schema}".evnorm_rejections) as rejections`,
      )
    )[0]

  it('stores a unit once however often it is written', async () => {
    const { schema, sink } = await open()
    expect(unit.rejections).toHaveLength(3)
    expect(await sink.write(unit)).toEqual({ inserted: 2000, present: 0, rejectionsStored: 3 })
    expect(await sink.write(unit)).toEqual({ inserted: 0, present: 2000, rejectionsStored: 0 })
    expect(await counts(schema)).toEqual({ events: 2000, ids: 2000, rejections: 3 })
    await sink.close()
  })

  it('counts new and present events of an overlapping unit, and keeps the first of a repeated id', async () => {
    const { schema, sink } = await open()
    await sink.write({ ...unit, events: unit.events.slice(0, 1500), rejections: [] })
    const first = unit.events[1500] as CanonicalEvent
    const repeated = { ...first, count: 7 } as CanonicalEvent
    const result = await sink.write({ ...unit, events: [...unit.events.slice(1000), repeated] })
    expect(result).toEqual({ inserted: 500, present: 501, rejectionsStored: 3 })
    expect(await counts(schema)).toEqual({ events: 2000, ids: 2000, rejections: 3 })
    const [row] = await postgres.query<{ count: number }>(
      `select count from "${schema}".evnorm_events where id = $1`,
      [first.id],
    )
    expect(row?.count).toBe(first.count)
    await sink.close()
  })

  it("replaces stored events under onConflict: 'update'", async () => {
    const { schema, sink } = await open({ onConflict: 'update' })
    await sink.write(unit)
    const renormalized: SinkUnit = {
      ...unit,
      events: unit.events.map((event, index) =>
        index < 10 ? ({ ...event, test: true } as CanonicalEvent) : event,
      ),
    }
    expect(await sink.write(renormalized)).toEqual({
      inserted: 0,
      present: 2000,
      rejectionsStored: 0,
    })
    const [row] = await postgres.query<{ tests: number; flagged: number }>(
      `select count(*) filter (where test)::int as tests,
              count(*) filter (where (event->>'test')::boolean)::int as flagged
         from "${schema}".evnorm_events`,
    )
    expect(row).toEqual({ tests: 10, flagged: 10 })
    expect(await counts(schema)).toEqual({ events: 2000, ids: 2000, rejections: 3 })
    await sink.close()
  })

  it('flattens the event into its columns and keeps the nine-digit instant', async () => {
    const { schema, sink } = await open()
    const event = {
      ...unit.events[0],
      occurredAt: '2025-10-25T23:58:41.123456789Z',
      campaign: { id: '931' },
    } as CanonicalEvent
    await sink.write({ events: [event], rejections: [], origin: 'x' })
    const [row] = await postgres.query(
      `select id, schema, type, channel, occurred_at_ns, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as micros,
              count, vendor, feed, verb, record_id, recipient_email, campaign_id, test, source, event
         from "${schema}".evnorm_events`,
    )
    expect(row).toEqual({
      id: event.id,
      schema: 'evnorm.event.v1',
      type: event.type,
      channel: 'email',
      occurred_at_ns: '2025-10-25T23:58:41.123456789Z',
      micros: '2025-10-25T23:58:41.123457',
      count: 1,
      vendor: 'smaily',
      feed: 'smaily.history',
      verb: event.source.verb,
      record_id: event.source.recordId,
      recipient_email: event.recipient?.email,
      campaign_id: '931',
      test: false,
      source: event.source,
      event,
    })
    await sink.close()
  })

  it('stores tabs, line breaks, backslashes and quotes as sent, and NUL as U+FFFD', async () => {
    const { schema, sink } = await open()
    const awkward = 'tab\there\nline\r\\N back\\slash "quoted" \u0000 ünï 🙂'
    const stored = awkward.replace('\u0000', '\uFFFD')
    const base = unit.events[0] as CanonicalEvent
    const event = {
      ...base,
      recipient: { email: awkward },
      source: { ...base.source, verb: awkward },
    } as CanonicalEvent
    const rejection = { ...(unit.rejections[0] as Rejection), message: awkward, raw: { awkward } }
    await sink.write({ events: [event], rejections: [rejection], origin: awkward })
    const [row] = await postgres.query(
      `select recipient_email, verb, event->'recipient'->>'email' as json from "${schema}".evnorm_events`,
    )
    expect(row).toEqual({ recipient_email: stored, verb: stored, json: stored })
    const [rejected] = await postgres.query(
      `select origin, message, raw->>'awkward' as raw from "${schema}".evnorm_rejections`,
    )
    expect(rejected).toEqual({ origin: stored, message: stored, raw: stored })
    await sink.close()
  })

  it('stores the checkpoint with the unit and reads it back', async () => {
    const { schema, sink } = await open()
    expect(await sink.readCheckpoint('smaily:acme')).toBeUndefined()
    await sink.write({ ...unit, checkpoint: { stream: 'smaily:acme', cursor: '100' } })
    await sink.write({ ...unit, events: [], checkpoint: { stream: 'smaily:acme', cursor: '200' } })
    expect(await sink.readCheckpoint('smaily:acme')).toBe('200')
    const rows = await postgres.query(`select stream, cursor from "${schema}".evnorm_checkpoints`)
    expect(rows).toEqual([{ stream: 'smaily:acme', cursor: '200' }])
    await sink.close()
  })

  it('stores rejections with their origin and key, once per key', async () => {
    const { schema, sink } = await open()
    await sink.write(unit)
    await sink.write({ ...unit, events: [] })
    expect(await sink.write({ ...unit, events: [], origin: 'other.json' })).toMatchObject({
      rejectionsStored: 3,
    })
    const rows = await postgres.query<{ origin: string; index: string; path: unknown }>(
      `select origin, "index", path, reason, raw from "${schema}".evnorm_rejections order by origin, "index"`,
    )
    expect(rows).toHaveLength(6)
    expect(rows[0]).toMatchObject({ origin: 'history.json', index: '2000', reason: 'invalid_time' })
    await sink.close()
  })

  it('writes units of one sink one after another even when called at once', async () => {
    const { schema, sink } = await open()
    const halves = [unit.events.slice(0, 1000), unit.events.slice(1000)]
    const results = await Promise.all(
      halves.map((events) => sink.write({ events, rejections: [], origin: 'x' })),
    )
    expect(results.map((result) => result.inserted)).toEqual([1000, 1000])
    expect(await counts(schema)).toMatchObject({ events: 2000 })
    await sink.close()
  })
})
