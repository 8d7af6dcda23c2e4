import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeRabbitMq } from '../../intake/src/amqp.test-helpers.js'
import { BIN, buildBinIfStale } from './cli.test-helpers.js'
import { queryDuckDb } from './load-command.test-helpers.js'

let directory: string

beforeAll(() => {
  buildBinIfStale()
  directory = mkdtempSync(join(tmpdir(), 'evnorm-consume-'))
})

afterAll(() => {
  rmSync(directory, { recursive: true, force: true })
})

function consume(args: readonly string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'consume', 'altcraft-hooks', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let text = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString()
  })
  return { child, stderr: () => text }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

describeRabbitMq('evnorm consume altcraft-hooks', (broker) => {
  it('loads the queue into DuckDB, dead-letters garbage, and exits 0 on SIGTERM', async () => {
    const queue = await broker.freshQueue()
    const messages = Array.from({ length: 300 }, (_, index) =>
      JSON.stringify({
        event_type: 'open',
        event_date: `2025-06-01T10:00:00.${String(index).padStart(9, '0')}Z`,
        account_id: 23,
      }),
    )
    await broker.publish(queue, [...messages, 'not json'])
    const database = join(directory, 'consume.duckdb')
    const run = consume(['--amqp', broker.url, '--queue', queue, '--to', `duckdb:${database}`])
    const deadline = Date.now() + 20_000
    while ((await broker.depth(queue)) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
    run.child.kill('SIGTERM')
    expect(await exited(run.child)).toBe(0)
    expect(run.stderr()).toContain('301 messages acknowledged, 300 events loaded')
    expect(run.stderr()).not.toContain(`:${new URL(broker.url).password}@`)
    expect(await queryDuckDb(database, 'SELECT count(DISTINCT id) FROM evnorm_events')).toEqual([
      [300n],
    ])
    expect((await broker.drain(`${queue}.dead-letter`)).map((letter) => letter.content)).toEqual([
      'not json',
    ])
  })

  it('exits 2 when the queue does not exist', async () => {
    const to = `duckdb:${join(directory, 'missing-queue.duckdb')}`
    const run = consume(['--amqp', broker.url, '--queue', 'evnorm-no-such-queue', '--to', to])
    expect(await exited(run.child)).toBe(2)
    expect(run.stderr()).toMatch(/queue 'evnorm-no-such-queue' cannot be consumed/)
  })
})
