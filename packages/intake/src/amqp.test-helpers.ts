import { randomUUID } from 'node:crypto'
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net'
import { describeUnavailable } from '@evnorm/core/testing'
import { type ChannelModel, connect } from 'amqplib'
import { afterAll, describe } from 'vitest'

const HOW_TO_START =
  'start it with `scripts/services.sh up rabbitmq` and export the EVNORM_AMQP_URL line it prints'

/** A real RabbitMQ broker for tests. */
export interface TestRabbitMq {
  /** The broker's URL, from `EVNORM_AMQP_URL`. */
  readonly url: string
  /** A new durable queue (and its dead-letter queue), deleted after the suite. */
  freshQueue(): Promise<string>
  /** Publishes persistent messages, waiting for the broker's confirms. */
  publish(queue: string, messages: readonly (string | Buffer)[]): Promise<void>
  /** Messages ready in a queue. */
  depth(queue: string): Promise<number>
  /** Takes every ready message off a queue. */
  drain(queue: string): Promise<{ content: string; headers: Record<string, unknown> }[]>
}

async function unavailability(url: string | undefined): Promise<string | undefined> {
  if (!url) return 'EVNORM_AMQP_URL is not set'
  try {
    const connection = await connect(url, { timeout: 3000 })
    await connection.close()
    return undefined
  } catch (error) {
    return `the broker in EVNORM_AMQP_URL is unreachable (${(error as Error).message})`
  }
}

const url = process.env.EVNORM_AMQP_URL
const reason = await unavailability(url)

/**
 * `describe` for tests that need a real RabbitMQ broker (`EVNORM_AMQP_URL`). When it is unset
 * or unreachable, the suite fails under `CI=true` and is skipped, with a message saying how to
 * start the broker, elsewhere.
 */
export function describeRabbitMq(name: string, body: (broker: TestRabbitMq) => void): void {
  if (url === undefined || reason !== undefined) {
    describeUnavailable(name, 'a RabbitMQ broker', `RabbitMQ is needed: ${reason}; ${HOW_TO_START}`)
    return
  }
  describe(name, () => {
    let admin: Promise<ChannelModel> | undefined
    const queues: string[] = []
    const channel = async () => {
      admin ??= connect(url)
      return (await admin).createConfirmChannel()
    }
    afterAll(async () => {
      if (admin === undefined) return
      const ch = await channel()
      for (const queue of queues) await ch.deleteQueue(queue)
      await (await admin).close()
    })
    body({
      url,
      async freshQueue() {
        const queue = `evnorm-test-${randomUUID().slice(0, 8)}`
        queues.push(queue, `${queue}.dead-letter`)
        const ch = await channel()
        await ch.assertQueue(queue, { durable: true })
        await ch.close()
        return queue
      },
      async publish(queue, messages) {
        const ch = await channel()
        for (const message of messages) {
          if (!ch.sendToQueue(queue, Buffer.from(message), { persistent: true })) {
            await new Promise((resolve) => ch.once('drain', resolve))
          }
        }
        await ch.waitForConfirms()
        await ch.close()
      },
      async depth(queue) {
        const ch = await channel()
        const { messageCount } = await ch.checkQueue(queue)
        await ch.close()
        return messageCount
      },
      async drain(queue) {
        const ch = await channel()
        const taken: { content: string; headers: Record<string, unknown> }[] = []
        for (let message = await ch.get(queue); message; message = await ch.get(queue)) {
          taken.push({
            content: message.content.toString(),
            headers: message.properties.headers ?? {},
          })
          ch.ack(message)
        }
        await ch.close()
        return taken
      },
    })
  })
}

/** A TCP proxy in front of the broker whose `outage` drops every connection and refuses new ones for a while. */
export interface BrokerProxy {
  readonly url: string
  outage(ms: number): Promise<void>
  close(): Promise<void>
}

/** Starts a {@link BrokerProxy} for the broker at `brokerUrl`. */
export async function startBrokerProxy(brokerUrl: string): Promise<BrokerProxy> {
  const target = new URL(brokerUrl)
  const sockets = new Set<Socket>()
  const listen = (port: number) =>
    new Promise<Server>((resolve) => {
      const server = createServer((client) => {
        const upstream = connectTcp(Number(target.port), target.hostname)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('error', () => undefined)
          socket.on('close', () => {
            sockets.delete(socket)
            client.destroy()
            upstream.destroy()
          })
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, '127.0.0.1', () => resolve(server))
    })
  let server = await listen(0)
  const port = (server.address() as { port: number }).port
  const proxied = new URL(brokerUrl)
  proxied.hostname = '127.0.0.1'
  proxied.port = String(port)
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return {
    url: proxied.toString(),
    async outage(ms) {
      const closed = close()
      for (const socket of sockets) socket.destroy()
      await closed
      await new Promise((resolve) => setTimeout(resolve, ms))
      server = await listen(port)
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await close()
    },
  }
}
