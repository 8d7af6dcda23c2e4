import type { Adapter } from '@evnorm/core'
import type { Sink } from '@evnorm/core/sink'
import { type ChannelModel, type ConfirmChannel, type ConsumeMessage, connect } from 'amqplib'
import { normalizeBodies } from '../normalize-bodies.js'
import { backoff, pause } from '../retry-delay.js'

/** Options of {@link consumeQueue}. */
export interface QueueConsumerOptions {
  /** The broker, e.g. `amqp://user:password@host:5672/vhost`. */
  readonly url: string
  /** The queue to consume; it must exist (it is checked, never declared or changed). */
  readonly queue: string
  /** The adapter that reads each message, e.g. `altcraftHooksAdapter`. */
  readonly adapter: Adapter
  /** Where the messages' events go; the caller opens and closes it. */
  readonly sink: Sink
  /** Unacknowledged messages the broker may send ahead, and the most in one unit (default 500). */
  readonly prefetch?: number
  /** How long a partial unit waits for more messages before it is written (default 200 ms). */
  readonly lingerMs?: number
  /** Where unreadable messages go (default `<queue>.dead-letter`, declared durable). */
  readonly deadLetterQueue?: string
  /** Waits before reconnecting: first and longest (default 500 ms, 30 s), doubling with jitter. */
  readonly reconnectMs?: { readonly initial: number; readonly max: number }
  /** The origin stored with rejections (default `amqp:<queue>`). */
  readonly origin?: string
  /** Where connection losses and retries are reported (default: nowhere). */
  readonly log?: (message: string) => void
}

/** What a consumer has done so far. */
export interface ConsumeTotals {
  /** Messages acknowledged after their unit was committed (dead letters included). */
  messages: number
  /** Events in committed units. */
  events: number
  /** Of those, events the sink did not hold before. */
  inserted: number
  /** Rejected records in committed units. */
  rejections: number
  /** Unreadable messages moved to the dead-letter queue. */
  deadLetters: number
  /** Connections made (1 + reconnects). */
  connections: number
}

/** A running consumer; see {@link consumeQueue}. */
export interface QueueConsumer {
  readonly totals: Readonly<ConsumeTotals>
  /** Resolves once the consumer is subscribed on its first connection. */
  readonly ready: Promise<void>
  /**
   * Stops consuming, writes and acknowledges the messages already received, closes the
   * connection. Resolves when done; what was not acknowledged goes back to the queue.
   */
  stop(): Promise<void>
  /** Settles when the consumer ends: after {@link QueueConsumer.stop}, or with a fatal error. */
  readonly done: Promise<void>
}

/** A problem reconnecting cannot fix (the queue is missing, the credentials are refused). */
export class ConsumerSetupError extends Error {
  override readonly name = 'ConsumerSetupError'
}

/**
 * Consumes a RabbitMQ queue into a sink. Messages are gathered into units of up to `prefetch`
 * (or what arrived within `lingerMs`); a unit's events and rejections are committed in one sink
 * write, and only then are its messages acknowledged, so a crash or a lost connection makes
 * the broker deliver them again, which the sink's idempotence by event id makes harmless. A
 * message that cannot be read at all is published to the dead-letter queue (with publisher
 * confirms) and acknowledged, never requeued. When the connection drops (a broker restart),
 * the consumer reconnects with backoff. Any number of consumers may share one queue.
 */
export function consumeQueue(options: QueueConsumerOptions): QueueConsumer {
  const prefetch = options.prefetch ?? 500
  const lingerMs = options.lingerMs ?? 200
  const deadLetterQueue = options.deadLetterQueue ?? `${options.queue}.dead-letter`
  const reconnectMs = options.reconnectMs ?? { initial: 500, max: 30_000 }
  const origin = options.origin ?? `amqp:${options.queue}`
  const log = options.log ?? (() => undefined)
  const totals: ConsumeTotals = {
    messages: 0,
    events: 0,
    inserted: 0,
    rejections: 0,
    deadLetters: 0,
    connections: 0,
  }
  const stopping = new AbortController()
  let markReady: () => void = () => undefined
  let failReady: (error: unknown) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    failReady = reject
  })
  ready.catch(() => undefined)
  let endSession: (() => Promise<void>) | undefined

  /** Writes and acknowledges one unit; a sink failure closes the channel (the broker requeues). */
  const commit = async (channel: ConfirmChannel, messages: readonly ConsumeMessage[]) => {
    const last = messages.at(-1)
    if (last === undefined) return
    const { events, rejections, unreadable } = normalizeBodies(
      options.adapter,
      messages.map((message) => message.content),
    )
    for (const { index, reason } of unreadable) {
      const message = messages[index]
      if (message === undefined) continue
      channel.sendToQueue(deadLetterQueue, message.content, {
        persistent: true,
        headers: {
          ...message.properties.headers,
          'x-evnorm-reason': reason,
          'x-evnorm-queue': options.queue,
        },
        ...(message.properties.contentType === undefined
          ? {}
          : { contentType: message.properties.contentType }),
      })
    }
    if (unreadable.length > 0) await channel.waitForConfirms()
    let inserted = 0
    if (events.length > 0 || rejections.length > 0) {
      inserted = (await options.sink.write({ events, rejections, origin })).inserted
    }
    channel.ack(last, true)
    totals.messages += messages.length
    totals.events += events.length
    totals.inserted += inserted
    totals.rejections += rejections.length
    totals.deadLetters += unreadable.length
  }

  /** One connection's life: resolves when it closes or the consumer stops. */
  const session = async (connection: ChannelModel) => {
    const channel = await connection.createConfirmChannel()
    channel.on('error', (error: Error) => log(`amqp channel: ${error.message}`))
    try {
      await channel.checkQueue(options.queue)
    } catch (error) {
      throw new ConsumerSetupError(
        `queue '${options.queue}' cannot be consumed: ${(error as Error).message}`,
      )
    }
    await channel.assertQueue(deadLetterQueue, { durable: true })
    await channel.prefetch(prefetch)
    let received: ConsumeMessage[] = []
    let timer: NodeJS.Timeout | undefined
    let writing: Promise<void> = Promise.resolve()
    let failed: unknown
    const closed = new Promise<void>((resolve) => {
      connection.once('close', () => resolve())
    })
    const flush = () => {
      clearTimeout(timer)
      timer = undefined
      const messages = received
      received = []
      writing = writing.then(async () => {
        if (failed !== undefined || messages.length === 0) return
        try {
          await commit(channel, messages)
        } catch (error) {
          failed = error
          log(`unit of ${messages.length} messages not stored: ${(error as Error).message}`)
          await connection.close().catch(() => undefined)
        }
      })
    }
    const { consumerTag } = await channel.consume(options.queue, (message) => {
      if (message === null) {
        log(`queue '${options.queue}' cancelled the consumer`)
        void connection.close().catch(() => undefined)
        return
      }
      received.push(message)
      if (received.length >= prefetch) flush()
      else timer ??= setTimeout(flush, lingerMs)
    })
    endSession = async () => {
      await channel.cancel(consumerTag).catch(() => undefined)
      flush()
      await writing
      await connection.close().catch(() => undefined)
    }
    if (stopping.signal.aborted) void endSession()
    markReady()
    await closed
    clearTimeout(timer)
    endSession = undefined
  }

  const run = async () => {
    for (let attempt = 0; !stopping.signal.aborted; ) {
      let connection: ChannelModel | undefined
      try {
        connection = await connect(options.url)
        connection.on('error', (error: Error) => log(`amqp connection: ${error.message}`))
        totals.connections += 1
        attempt = 0
        await session(connection)
      } catch (error) {
        if (error instanceof ConsumerSetupError || isAccessRefused(error)) {
          await connection?.close().catch(() => undefined)
          failReady(error)
          throw error
        }
        log(`amqp: ${(error as Error).message}`)
      }
      if (stopping.signal.aborted) break
      const delay = backoff(attempt, reconnectMs.initial, reconnectMs.max)
      attempt += 1
      log(`amqp: reconnecting in ${delay} ms`)
      await pause(delay, stopping.signal)
    }
  }

  const done = run()
  done.catch(() => undefined)
  let stopped: Promise<void> | undefined
  return {
    totals,
    ready,
    done,
    stop() {
      stopped ??= (async () => {
        stopping.abort()
        await endSession?.()
        await done
      })()
      return stopped
    },
  }
}

function isAccessRefused(error: unknown): boolean {
  return /ACCESS_REFUSED|403/.test(String((error as Error | undefined)?.message))
}
