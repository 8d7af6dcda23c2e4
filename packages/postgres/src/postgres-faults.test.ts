import { createServer, type Server } from 'node:net'
import type { CanonicalEvent } from '@evnorm/core'
import { type Sink, SinkError } from '@evnorm/core/sink'
import { afterAll, expect, it } from 'vitest'
import { openPostgresSink } from './open-postgres-sink.js'
import { describePostgres } from './postgres.test-helpers.js'
import { smailyUnit } from './smaily-events.test-helpers.js'

const PASSWORD = 'Wr0ng-Pa55word-7f3a'

async function failure(promise: Promise<unknown>): Promise<SinkError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(SinkError.isInstance(error)).toBe(true)
  return error as SinkError
}

describePostgres('openPostgresSink under faults', (postgres) => {
  const url = new URL(postgres.url)
  const unit = smailyUnit(1000, 2)
  const counts = async (schema: string) =>
    (
      await postgres.query(
        `select (select count(*)::int from "${schema}".evnorm_events) as events,
                (select count(*)::int from "${schema}".evnorm_rejections) as rejections`,
      )
    )[0]

  it('gives a SinkError without the password for a wrong password', async () => {
    const wrong = new URL(url)
    wrong.password = PASSWORD
    const error = await failure(openPostgresSink({ url: wrong.toString() }))
    expect(error.target).toBe(`postgres://${url.username}@${url.host}${url.pathname}`)
    expect(error.message).toContain('password authentication failed')
    for (const text of [error.message, error.target, error.stack, String(error.cause)]) {
      expect(text).not.toContain(PASSWORD)
    }
  })

  it('gives a SinkError quickly when nothing listens on the port', async () => {
    const closed = new URL(url)
    closed.port = '1'
    const started = Date.now()
    const error = await failure(openPostgresSink({ url: closed.toString() }))
    expect(Date.now() - started).toBeLessThan(2000)
    expect(error.message).toContain('ECONNREFUSED')
  })

  const silent: Server = createServer((socket) => socket.resume())
  afterAll(() => new Promise((resolve) => silent.close(resolve)))

  it('gives up connecting to a server that does not answer', async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const started = Date.now()
    const error = await failure(
      openPostgresSink({
        url: `postgres://evnorm:${PASSWORD}@127.0.0.1:${port}/evnorm`,
        connectTimeoutMs: 300,
      }),
    )
    expect(Date.now() - started).toBeLessThan(3000)
    expect(error.message).toMatch(/timeout/i)
    expect(error.message).not.toContain(PASSWORD)
  })

  it('leaves nothing of a failing unit and keeps the checkpoint where it was', async () => {
    const schema = await postgres.freshSchema()
    const sink = await openPostgresSink({ url: postgres.url, schema })
    await sink.write({ ...unit, checkpoint: { stream: 's', cursor: 'page 1' } })
    const broken = { ...unit.events[0], id: crypto.randomUUID(), occurredAt: 'never' }
    const next = smailyUnit(1200, 2, 'next.json')
    const error = await failure(
      sink.write({
        ...next,
        events: [...next.events, broken as CanonicalEvent],
        checkpoint: { stream: 's', cursor: 'page 2' },
      }),
    )
    expect(error.message).toContain('the unit was not stored and its checkpoint did not advance')
    expect(await sink.readCheckpoint('s')).toBe('page 1')
    expect(await counts(schema)).toEqual({ events: 1000, rejections: 2 })
    await sink.close()
  })

  it('leaves nothing half-written when the server ends the connection mid-load', async () => {
    const schema = await postgres.freshSchema()
    const application = `evnorm_${schema}`
    const named = new URL(url)
    named.searchParams.set('application_name', application)
    const sink: Sink = await openPostgresSink({ url: named.toString(), schema })
    const big = smailyUnit(40_000, 5)
    const writing = failure(sink.write({ ...big, checkpoint: { stream: 's', cursor: 'end' } }))
    let terminated = false
    while (!terminated) {
      const rows = await postgres.query<{ done: boolean }>(
        `select pg_terminate_backend(pid) as done from pg_stat_activity
          where application_name = $1 and xact_start is not null`,
        [application],
      )
      terminated = rows.some((row) => row.done)
    }
    const error = await writing
    expect(error.message).toContain('the unit was not stored')
    expect(SinkError.isInstance(await failure(sink.write(unit)))).toBe(true)
    await sink.close()
    expect(await counts(schema)).toEqual({ events: 0, rejections: 0 })
    const reopened = await openPostgresSink({ url: postgres.url, schema })
    expect(await reopened.readCheckpoint('s')).toBeUndefined()
    await reopened.close()
  })
})
