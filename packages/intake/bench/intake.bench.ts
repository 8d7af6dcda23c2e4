import { appendFile, mkdtemp, rm } from 'node:fs/promises'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { openDuckDbSink } from '@evnorm/duckdb'
import { startHookServer } from '@evnorm/intake/serve'
import { connect } from 'amqplib'
import { consumeQueue } from '../src/consume/queue-consumer.js'

const BATCHES = Number(process.env.BENCH_BATCHES ?? 60)
const BATCH = 1000
const SENDERS = 8
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000)
const AMQP = process.env.EVNORM_AMQP_URL

function message(batch: number, index: number): Record<string, unknown> {
  return {
    event_type: index % 3 === 0 ? 'uclick' : 'deliv',
    event_date: `2025-06-01T10:00:00.${String(batch * BATCH + index).padStart(9, '0')}Z`,
    profile_id: '65aa0c1f2b3c4d5e6f708192',
    _xxh: '3f2a9c0d11e4b7a8',
    list_id: 12,
    account_id: 23,
    is_test: false,
    custom_data: { email: `user${index}@example.org` },
    event_data: {
      message_id: 41,
      campaign_id: 907,
      resource_id: 3,
      send_message_id: `s-${batch}-${index}`,
      link_url: 'https://shop.example/x',
      ip: '203.0.113.7',
      country: '.ee',
    },
    subscription: [
      { resource_id: 3, channel: 'email', email: 'ann@example.org', status: 'active' },
    ],
  }
}

const bodies = Array.from({ length: BATCHES }, (_, batch) =>
  Buffer.from(JSON.stringify(Array.from({ length: BATCH }, (_, index) => message(batch, index)))),
)

function post(url: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    })
    outgoing.on('response', (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

/** Messages per second to post every body with {@link SENDERS} concurrent senders. */
async function sendAll(url: string): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let body = bodies[next++]; body !== undefined; body = bodies[next++]) {
        const status = await post(url, body)
        if (status !== 200) throw new Error(`answered ${status}`)
      }
    }),
  )
  return (BATCHES * BATCH) / ((performance.now() - started) / 1000)
}

async function bareHttp(directory: string): Promise<number> {
  const file = join(directory, 'bodies.bin')
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      void appendFile(file, Buffer.concat(chunks)).then(() => response.end('OK'))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const rate = await sendAll(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  await new Promise((resolve) => server.close(resolve))
  return rate
}

async function evnormHttp(directory: string): Promise<{ intake: number; loaded: number }> {
  const sink = await openDuckDbSink({ path: join(directory, 'http.duckdb') })
  const server = await startHookServer({
    adapter: altcraftHooksAdapter,
    sink,
    spool: join(directory, 'spool'),
    port: 0,
  })
  const started = performance.now()
  const intake = await sendAll(server.url)
  await server.stop()
  const loaded = (BATCHES * BATCH) / ((performance.now() - started) / 1000)
  await sink.close()
  return { intake, loaded }
}

async function publish(url: string, queue: string): Promise<void> {
  const connection = await connect(url)
  const channel = await connection.createConfirmChannel()
  await channel.assertQueue(queue, { durable: true })
  await channel.purgeQueue(queue)
  for (let index = 0; index < MESSAGES; index += 1) {
    const content = Buffer.from(JSON.stringify(message(Math.floor(index / BATCH), index % BATCH)))
    if (!channel.sendToQueue(queue, content, { persistent: true })) {
      await new Promise((resolve) => channel.once('drain', resolve))
    }
  }
  await channel.waitForConfirms()
  await connection.close()
}

async function bareConsume(url: string, queue: string): Promise<number> {
  await publish(url, queue)
  const connection = await connect(url)
  const channel = await connection.createChannel()
  await channel.prefetch(500)
  const started = performance.now()
  let count = 0
  await new Promise<void>((resolve) => {
    void channel.consume(queue, (delivery) => {
      if (delivery === null) return
      channel.ack(delivery)
      count += 1
      if (count === MESSAGES) resolve()
    })
  })
  const rate = MESSAGES / ((performance.now() - started) / 1000)
  await connection.close()
  return rate
}

async function evnormConsume(url: string, queue: string, directory: string): Promise<number> {
  await publish(url, queue)
  const sink = await openDuckDbSink({ path: join(directory, 'amqp.duckdb') })
  const started = performance.now()
  const consumer = consumeQueue({ url, queue, adapter: altcraftHooksAdapter, sink })
  while (consumer.totals.messages < MESSAGES) await new Promise((r) => setTimeout(r, 10))
  const rate = MESSAGES / ((performance.now() - started) / 1000)
  await consumer.stop()
  await sink.close()
  return rate
}

const directory = await mkdtemp(join(tmpdir(), 'evnorm-intake-bench-'))
const rows: [string, number][] = []
try {
  rows.push(['bare node:http, append to a file (floor)', await bareHttp(directory)])
  const http = await evnormHttp(directory)
  rows.push(['evnorm serve: spooled and fsynced before 200', http.intake])
  rows.push(['evnorm serve: until loaded into DuckDB (stop drains)', http.loaded])
  if (AMQP === undefined) {
    console.warn('EVNORM_AMQP_URL is not set: the RabbitMQ rows are left out')
  } else {
    rows.push(['bare amqplib consumer, ack only (floor)', await bareConsume(AMQP, 'evnorm-bench')])
    rows.push(['evnorm consume into DuckDB', await evnormConsume(AMQP, 'evnorm-bench', directory)])
  }
} finally {
  await rm(directory, { recursive: true, force: true })
}

const floors = new Map([
  [0, rows[0]?.[1] ?? 1],
  [3, rows[3]?.[1] ?? 1],
])
console.log(
  `${BATCHES} bodies of ${BATCH} messages, ${SENDERS} senders; ${MESSAGES} broker messages`,
)
console.log('| case | messages/s | % of floor |')
console.log('|---|---:|---:|')
rows.forEach(([name, rate], index) => {
  const floor = index < 3 ? floors.get(0) : floors.get(3)
  console.log(
    `| ${name} | ${Math.round(rate).toLocaleString('en')} | ${((rate / (floor ?? 1)) * 100).toFixed(0)} % |`,
  )
})
