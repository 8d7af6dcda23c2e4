import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { type CanonicalEvent, normalize, type Rejection } from '@evnorm/core'
import { SinkError } from '@evnorm/core/sink'
import { smailyLogAdapter } from '@evnorm/smaily-log'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type DuckDbSink, openDuckDbSink } from './duckdb-sink.js'
import { hookEvents, smailyBatch } from './sink.test-helpers.js'

let directory: string
let path: string
const open: DuckDbSink[] = []

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'evnorm-duckdb-'))
  path = join(directory, 'evnorm.duckdb')
})

afterEach(async () => {
  for (const sink of open.splice(0)) await sink.close().catch(() => {})
  await rm(directory, { recursive: true, force: true })
})

async function sinkAt(file = path, onConflict?: 'nothing' | 'update'): Promise<DuckDbSink> {
  const sink = await openDuckDbSink({ path: file, ...(onConflict ? { onConflict } : {}) })
  open.push(sink)
  return sink
}

async function rows(sink: DuckDbSink, sql: string): Promise<unknown[][]> {
  return (await sink.connection.runAndReadAll(sql)).getRowsJS()
}

describe('openDuckDbSink', () => {
  it('stores every event once, and a second write of the same unit changes nothing', async () => {
    const { events, rejections } = smailyBatch(500, 7)
    const sink = await sinkAt()
    const unit = { events, rejections, origin: 'page-1.ndjson' }
    expect(await sink.write(unit)).toEqual({
      inserted: events.length,
      present: 0,
      rejectionsStored: rejections.length,
    })
    expect(await sink.write(unit)).toEqual({
      inserted: 0,
      present: events.length,
      rejectionsStored: 0,
    })
    expect(
      await rows(
        sink,
        'SELECT count(*), count(DISTINCT id), (SELECT count(*) FROM evnorm_rejections) FROM evnorm_events',
      ),
    ).toEqual([[BigInt(events.length), BigInt(events.length), BigInt(rejections.length)]])
  })

  it('stages a unit batch by batch, and counts events stored before or twice as present', async () => {
    const { events, rejections } = smailyBatch(300, 4)
    const sink = await sinkAt()
    await sink.write({ events: events.slice(100, 150), rejections: [], origin: 'a' })
    const staged = sink.stage('a')
    await staged.add(events.slice(0, 120), rejections)
    await staged.add(events.slice(110), [])
    expect(staged.events).toBe(events.length + 10)
    expect(await rows(sink, 'SELECT count(*) FROM evnorm_events')).toEqual([[50n]])
    expect(await staged.commit()).toEqual({
      inserted: events.length - 50,
      present: 60,
      rejectionsStored: rejections.length,
    })
    expect(await rows(sink, 'SELECT count(*), count(DISTINCT id) FROM evnorm_events')).toEqual([
      [BigInt(events.length), BigInt(events.length)],
    ])
  })

  it('stores nothing of a unit staged and never committed, and drops it at close', async () => {
    const { events } = smailyBatch(20, 0)
    const sink = await sinkAt()
    await sink.stage('a').add(events, [])
    await expect(open.pop()?.close()).resolves.toBeUndefined()
    const again = await sinkAt()
    expect(await rows(again, 'SELECT count(*) FROM evnorm_events')).toEqual([[0n]])
  })

  it('flattens the event into the layout columns and keeps the whole event and its exact instant', async () => {
    const events = hookEvents()
    const sink = await sinkAt()
    await sink.write({ events, rejections: [], origin: 'hooks' })
    const first = events[0] as CanonicalEvent
    const [row] = await rows(
      sink,
      `SELECT CAST(id AS VARCHAR), "schema", type, channel, CAST(occurred_at AS VARCHAR), occurred_at_ns, "count", vendor, feed, verb, recipient_email, profile_id, test, event FROM evnorm_events WHERE id = '${first.id}'`,
    )
    expect(row).toEqual([
      first.id,
      'evnorm.event.v1',
      first.type,
      first.channel,
      first.occurredAt.replace('T', ' ').replace('Z', ''),
      first.occurredAt,
      first.count,
      'altcraft',
      'altcraft.hooks',
      first.source.verb,
      first.recipient?.email,
      first.recipient?.profileId,
      first.test,
      JSON.stringify(first),
    ])
  })

  it('keeps the first of two events with one id in a unit', async () => {
    const [event] = hookEvents() as [CanonicalEvent]
    const sink = await sinkAt()
    const result = await sink.write({ events: [event, event], rejections: [], origin: 'x' })
    expect(result).toEqual({ inserted: 1, present: 1, rejectionsStored: 0 })
  })

  it('replaces stored events under onConflict update, and counts them as present', async () => {
    const [event] = hookEvents() as [CanonicalEvent]
    await (await sinkAt()).write({ events: [event], rejections: [], origin: 'x' })
    await open.pop()?.close()
    const sink = await sinkAt(path, 'update')
    const renamed = { ...event, count: 5 } as CanonicalEvent
    expect(await sink.write({ events: [renamed], rejections: [], origin: 'x' })).toEqual({
      inserted: 0,
      present: 1,
      rejectionsStored: 0,
    })
    expect(await rows(sink, 'SELECT "count" FROM evnorm_events')).toEqual([[5]])
    const { events } = smailyBatch(3, 0)
    expect(await sink.write({ events, rejections: [], origin: 'y' })).toEqual({
      inserted: 3,
      present: 0,
      rejectionsStored: 0,
    })
  })

  it('stores the checkpoint with the data and reads it back after a reopen', async () => {
    const { events } = smailyBatch(10, 0)
    const sink = await sinkAt()
    expect(await sink.readCheckpoint('smaily:acme')).toBeUndefined()
    await sink.write({
      events,
      rejections: [],
      origin: 'smaily:acme',
      checkpoint: { stream: 'smaily:acme', cursor: '18014398509481995' },
    })
    await sink.write({
      events: [],
      rejections: [],
      origin: 'smaily:acme',
      checkpoint: { stream: 'smaily:acme', cursor: '18014398509482000' },
    })
    await open.pop()?.close()
    expect(await (await sinkAt()).readCheckpoint('smaily:acme')).toBe('18014398509482000')
  })

  it('stores nothing of a unit that fails, and leaves its checkpoint where it was', async () => {
    const { events } = smailyBatch(20, 0)
    const sink = await sinkAt()
    await sink.write({
      events: events.slice(0, 10),
      rejections: [],
      origin: 'p1',
      checkpoint: { stream: 's', cursor: '1' },
    })
    const broken = { ...events[10], id: 'not-a-uuid' } as CanonicalEvent
    await expect(
      sink.write({
        events: [...events.slice(10, 19), broken],
        rejections: [],
        origin: 'p2',
        checkpoint: { stream: 's', cursor: '2' },
      }),
    ).rejects.toSatisfy(SinkError.isInstance)
    expect(await rows(sink, 'SELECT count(*) FROM evnorm_events')).toEqual([[10n]])
    expect(await sink.readCheckpoint('s')).toBe('1')
    expect(await sink.write({ events: events.slice(10), rejections: [], origin: 'p2' })).toEqual({
      inserted: 10,
      present: 0,
      rejectionsStored: 0,
    })
  })

  it('keeps an instant outside TIMESTAMP_NS exactly in occurred_at_ns, with occurred_at NULL', async () => {
    const [event] = hookEvents() as [CanonicalEvent]
    const far = { ...event, occurredAt: '9999-12-31T23:59:59.999999999Z' } as CanonicalEvent
    const sink = await sinkAt()
    await sink.write({ events: [far], rejections: [], origin: 'x' })
    expect(await rows(sink, 'SELECT occurred_at, occurred_at_ns FROM evnorm_events')).toEqual([
      [null, '9999-12-31T23:59:59.999999999Z'],
    ])
  })

  it('stores test as false for an event that does not say', async () => {
    const { events } = smailyBatch(1, 0)
    expect(events[0]?.test).toBeUndefined()
    const sink = await sinkAt()
    await sink.write({ events, rejections: [], origin: 'x' })
    expect(await rows(sink, 'SELECT test FROM evnorm_events')).toEqual([[false]])
  })

  it('stores rejections with their raw record, once', async () => {
    const rejection: Rejection = {
      feed: 'smaily.history',
      index: 4,
      locator: 'line 5',
      path: ['time'],
      reason: 'invalid_time',
      message: 'time: not a date',
      raw: { time: 'soon' },
    }
    const sink = await sinkAt()
    const unit = { events: [], rejections: [rejection, rejection], origin: 'a.ndjson' }
    expect((await sink.write(unit)).rejectionsStored).toBe(1)
    expect(
      await rows(
        sink,
        'SELECT feed, origin, "index", locator, path, reason, message, raw FROM evnorm_rejections',
      ),
    ).toEqual([
      [
        'smaily.history',
        'a.ndjson',
        4n,
        'line 5',
        '["time"]',
        'invalid_time',
        'time: not a date',
        '{"time":"soon"}',
      ],
    ])
  })

  it('refuses a table of another layout, naming the table and the columns', async () => {
    const instance = await DuckDBInstance.create(path)
    const connection = await instance.connect()
    await connection.run('CREATE TABLE evnorm_events (id VARCHAR, payload JSON)')
    connection.closeSync()
    instance.closeSync()
    const error = await openDuckDbSink({ path }).catch((caught: unknown) => caught)
    expect(SinkError.isInstance(error)).toBe(true)
    expect((error as SinkError).message).toMatch(
      /^duckdb:.*evnorm\.duckdb: table evnorm_events does not have the evnorm layout \(missing id UUID, .*unexpected id VARCHAR, payload JSON\)/,
    )
  })

  it('refuses a layout newer than it knows', async () => {
    const sink = await sinkAt()
    await sink.connection.run(`UPDATE evnorm_meta SET value = '99' WHERE key = 'layout_version'`)
    await open.pop()?.close()
    await expect(openDuckDbSink({ path })).rejects.toThrow(
      /layout version 99, newer than version 1 this evnorm knows/,
    )
  })

  it('names the file when it cannot create it', async () => {
    const error = await openDuckDbSink({ path: join(path, 'inside-a-file.duckdb') }).catch(
      (caught: unknown) => caught,
    )
    await openDuckDbSink({ path }).then((sink) => sink.close())
    const again = await openDuckDbSink({ path: join(path, 'inside-a-file.duckdb') }).catch(
      (caught: unknown) => caught,
    )
    expect(SinkError.isInstance(error)).toBe(true)
    expect((again as SinkError).message).toMatch(
      /^duckdb:.*evnorm\.duckdb\/inside-a-file\.duckdb: cannot open the database: /,
    )
  })

  it('gives the events normalize gives, whatever the unit size', async () => {
    const text = smailyBatch(300, 3).text
    const result = normalize(smailyLogAdapter, text)
    if (!result.success) throw result.error
    const sink = await sinkAt()
    for (let start = 0; start < result.events.length; start += 37) {
      await sink.write({
        events: result.events.slice(start, start + 37),
        rejections: [],
        origin: 'x',
      })
    }
    const stored = await rows(
      sink,
      'SELECT CAST(event AS VARCHAR) FROM evnorm_events ORDER BY occurred_at_ns, id',
    )
    const expected = [...result.events]
      .sort((a, b) => (a.occurredAt + a.id).localeCompare(b.occurredAt + b.id))
      .map((event) => [JSON.stringify(event)])
    expect(stored).toEqual(expected)
  })
})
