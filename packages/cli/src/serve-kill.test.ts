import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, buildBinIfStale } from './cli.test-helpers.js'
import { queryDuckDb } from './load-command.test-helpers.js'

const BATCH = 1000
const SENDERS = 8
let directory: string

beforeAll(() => {
  buildBinIfStale()
  directory = mkdtempSync(join(tmpdir(), 'evnorm-serve-kill-'))
})

afterAll(() => {
  rmSync(directory, { recursive: true, force: true })
})

function batch(number: number): string {
  const messages = Array.from({ length: BATCH }, (_, index) => ({
    event_type: 'deliv',
    event_date: `2025-06-01T10:00:00.${String(index).padStart(9, '0')}Z`,
    account_id: 23,
    event_data: { message_id: 41, send_message_id: `b${number}-${index}` },
  }))
  return JSON.stringify(messages)
}

/** Starts `evnorm serve` and resolves with the process once it listens. */
function serve(port: number, database: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      'altcraft-hooks',
      '--port',
      String(port),
      '--spool',
      join(directory, 'spool'),
    ].concat(['--to', `duckdb:${database}`]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let text = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('receiving on')) resolve(child)
    })
    child.on('exit', (code) => reject(new Error(`evnorm serve exited ${code}: ${text}`)))
  })
}

/** POSTs a body; resolves with the status, or 0 when the connection failed. */
function post(port: number, body: string): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = request(
      { port, host: '127.0.0.1', path: '/hooks', method: 'POST', agent: false },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
        response.on('error', () => resolve(0))
      },
    )
    outgoing.setHeader('content-type', 'application/json')
    outgoing.on('error', () => resolve(0))
    outgoing.end(body)
  })
}

const exited = (child: ChildProcess) =>
  new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  )

describe('evnorm serve killed with SIGKILL mid-load', () => {
  it('holds every batch it answered 200 exactly once after a restart', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    const database = join(directory, 'hooks.duckdb')
    const first = await serve(port, database)
    const accepted: number[] = []
    let next = 0
    let sending = true
    const senders = Array.from({ length: SENDERS }, async () => {
      while (sending) {
        const number = next++
        if ((await post(port, batch(number))) === 200) accepted.push(number)
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 2500))
    first.kill('SIGKILL')
    await exited(first)
    sending = false
    await Promise.all(senders)
    expect(accepted.length).toBeGreaterThan(0)

    const second = await serve(port, database)
    second.kill('SIGTERM')
    expect(await exited(second)).toBe(0)
    const [[events, ids, batches]] = (await queryDuckDb(
      database,
      `SELECT count(*), count(DISTINCT id), count(DISTINCT split_part(event->>'$.message.sendId', '-', 1)) FROM evnorm_events`,
    )) as [[bigint, bigint, bigint]]
    expect(ids).toBe(events)
    const stored = await queryDuckDb(
      database,
      `SELECT split_part(event->>'$.message.sendId', '-', 1) AS b, count(*) FROM evnorm_events GROUP BY b`,
    )
    const counts = new Map(stored.map(([name, count]) => [name, Number(count)]))
    for (const number of accepted) expect(counts.get(`b${number}`)).toBe(BATCH)
    expect(Number(batches)).toBeGreaterThanOrEqual(accepted.length)
  })
})
