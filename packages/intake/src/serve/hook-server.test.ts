import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { hookBatch, MemorySink, waitFor } from '../intake.test-helpers.js'
import { type HookServer, type HookServerOptions, startHookServer } from './hook-server.js'

const TOKEN = 's3cret-token'
const directories: string[] = []
const servers: HookServer[] = []
const sinks: MemorySink[] = []

afterEach(async () => {
  for (const sink of sinks.splice(0)) sink.release()
  await Promise.all(servers.splice(0).map((server) => server.stop().catch(() => undefined)))
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true })
})

async function start(options: Partial<HookServerOptions> = {}) {
  const spool = mkdtempSync(join(tmpdir(), 'evnorm-spool-'))
  directories.push(spool)
  const sink = new MemorySink()
  const server = await startHookServer({
    adapter: altcraftHooksAdapter,
    sink,
    spool,
    port: 0,
    ...options,
  })
  servers.push(server)
  sinks.push(sink)
  return { server, sink, spool }
}

interface Answer {
  readonly status: number
  readonly text: string
}

/** One request over a fresh connection; `chunks` are sent `delayMs` apart. */
function send(
  url: string,
  options: {
    method?: string
    headers?: Record<string, string>
    chunks?: readonly string[]
    delayMs?: number
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        )
      },
    )
    outgoing.on('error', reject)
    const chunks = options.chunks ?? []
    const write = async () => {
      for (const chunk of chunks) {
        if (outgoing.destroyed) return
        outgoing.write(chunk)
        if (options.delayMs !== undefined) await new Promise((r) => setTimeout(r, options.delayMs))
      }
      outgoing.end()
    }
    void write()
  })
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  send(url, { headers: { 'content-type': 'application/json', ...headers }, chunks: [body] })

describe('startHookServer', () => {
  it('answers 200 OK once a batch is spooled, then loads its events', async () => {
    const { server, sink } = await start()
    const answer = await post(server.url, hookBatch(1, 3))
    expect(answer).toEqual({ status: 200, text: 'OK\n' })
    await waitFor(() => sink.events.size === 3, 10_000, 'three events')
    expect(server.metrics.bodiesSpooled).toBe(1)
  })

  it('refuses a missing or wrong token with 401, accepts the right one', async () => {
    const { server, sink } = await start({ token: TOKEN })
    const batch = hookBatch(2, 2)
    const missing = await post(server.url, batch)
    const wrong = await post(server.url, batch, { authorization: 'Bearer s3cret-tokeN' })
    const right = await post(server.url, batch, { authorization: `Bearer ${TOKEN}` })
    expect([missing.status, wrong.status, right.status]).toEqual([401, 401, 200])
    await waitFor(() => sink.events.size === 2)
    expect(server.metrics.requests(401)).toBe(2)
  })

  it('answers 405, 415, 413, 408 and 404 with texts that never contain OK', async () => {
    const { server } = await start({ maxBodyBytes: 1000, bodyTimeoutMs: 300 })
    const answers = [
      await send(server.url, { method: 'GET' }),
      await post(server.url, hookBatch(3, 1), { 'content-type': 'text/xml' }),
      await post(server.url, hookBatch(3, 20)),
      await send(server.url, {
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        chunks: Array.from({ length: 40 }, () => ' '.repeat(100)),
      }),
      await send(server.url, {
        headers: { 'content-type': 'application/json' },
        chunks: ['[', '{"event_type":"send"', '}]'],
        delayMs: 250,
      }),
      await send(server.url.replace('/hooks', '/elsewhere'), { chunks: ['[]'] }),
    ]
    expect(answers.map((answer) => answer.status)).toEqual([405, 415, 413, 413, 408, 404])
    for (const answer of answers) expect(answer.text).not.toMatch(/ok/i)
  })

  it('keeps an unreadable body as a dead letter and answers 400', async () => {
    const { server, sink, spool } = await start()
    const garbage = '{"event_type":"hbounce","bounce_message":"250 OK"'
    const answer = await post(server.url, garbage)
    expect(answer.status).toBe(400)
    expect(answer.text).not.toMatch(/ok/i)
    const letters = readdirSync(join(spool, 'dead-letters')).sort()
    expect(letters).toHaveLength(2)
    expect(readFileSync(join(spool, 'dead-letters', letters[0] ?? ''), 'utf8')).toBe(garbage)
    expect(JSON.parse(readFileSync(join(spool, 'dead-letters', letters[1] ?? ''), 'utf8'))).toEqual(
      expect.objectContaining({ bytes: garbage.length, reason: expect.stringMatching(/json/) }),
    )
    expect(sink.units).toBe(0)
  })

  it('takes 50 concurrent senders: every batch answered 200 is loaded exactly once', async () => {
    const { server, sink } = await start()
    const senders = Array.from({ length: 50 }, async (_, sender) => {
      for (let round = 0; round < 4; round += 1) {
        const answer = await post(server.url, hookBatch(sender * 10 + round, 50))
        expect(answer.status).toBe(200)
      }
    })
    await Promise.all(senders)
    await waitFor(() => sink.events.size === 50 * 4 * 50, 20_000, 'every event')
    expect(new Set(sink.written).size).toBe(sink.written.length)
  })

  it('serves /healthz and Prometheus /metrics with the backlog', async () => {
    const { server, sink } = await start()
    sink.hold()
    await post(server.url, hookBatch(4, 5))
    const health = await send(server.url.replace('/hooks', '/healthz'), { method: 'GET' })
    expect(health.status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const metrics = await send(server.url.replace('/hooks', '/metrics'), { method: 'GET' })
    expect(metrics.text).toContain('evnorm_intake_requests_total{status="200"} 1')
    expect(metrics.text).toContain('evnorm_intake_bodies_spooled_total 1')
    expect(metrics.text).toMatch(/evnorm_intake_spool_backlog_bytes [1-9]\d*/)
    expect(metrics.text).toMatch(/evnorm_intake_spool_backlog_seconds (1|2)\.\d+/)
    sink.release()
    await waitFor(() => server.metrics.eventsLoaded === 5)
    expect(server.metricsText()).toContain('evnorm_intake_spool_backlog_bytes 0')
  })

  it('stops gracefully: requests in flight finish, the spool is drained', async () => {
    const { server, sink } = await start()
    sink.hold()
    const slow = send(server.url, {
      headers: { 'content-type': 'application/json' },
      chunks: [hookBatch(5, 10).slice(0, 50), hookBatch(5, 10).slice(50)],
      delayMs: 300,
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const stopped = server.stop()
    setTimeout(() => sink.release(), 200)
    expect((await slow).status).toBe(200)
    await stopped
    expect(sink.events.size).toBe(10)
    await expect(post(server.url, hookBatch(6, 1))).rejects.toThrow()
  })
})
