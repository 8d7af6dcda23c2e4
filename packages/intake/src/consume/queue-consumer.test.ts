import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { SinkError } from '@evnorm/core/sink'
import { afterEach, expect, it } from 'vitest'
import { describeRabbitMq, startBrokerProxy } from '../amqp.test-helpers.js'
import { hookMessage, MemorySink, waitFor } from '../intake.test-helpers.js'
import { consumeQueue, type QueueConsumer, type QueueConsumerOptions } from './queue-consumer.js'

const running: QueueConsumer[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((consumer) => consumer.stop()))
})

function messages(batch: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => JSON.stringify(hookMessage(batch, index)))
}

function start(options: Omit<QueueConsumerOptions, 'adapter'>): QueueConsumer {
  const consumer = consumeQueue({
    adapter: altcraftHooksAdapter,
    reconnectMs: { initial: 100, max: 1000 },
    lingerMs: 50,
    ...options,
  })
  running.push(consumer)
  return consumer
}

describeRabbitMq('consumeQueue on a real RabbitMQ', (broker) => {
  it('loads every message and acknowledges it only after the sink committed', async () => {
    const queue = await broker.freshQueue()
    await broker.publish(queue, messages(1, 1200))
    const sink = new MemorySink()
    sink.hold()
    const consumer = start({ url: broker.url, queue, sink, prefetch: 500 })
    await consumer.ready
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(consumer.totals.messages).toBe(0)
    expect(await broker.depth(queue)).toBe(700)
    sink.release()
    await waitFor(() => consumer.totals.messages === 1200, 20_000, 'every message')
    expect(sink.events.size).toBe(1200)
    expect(await broker.depth(queue)).toBe(0)
  })

  it('moves an unreadable message to the dead-letter queue once, never requeued', async () => {
    const queue = await broker.freshQueue()
    await broker.publish(queue, ['{"event_type":"deliv",', ...messages(2, 3), '[1]'])
    const sink = new MemorySink()
    const consumer = start({ url: broker.url, queue, sink })
    await waitFor(() => consumer.totals.messages === 5, 10_000, 'five messages')
    await consumer.stop()
    expect(sink.events.size).toBe(3)
    expect(sink.rejections.map((rejection) => rejection.reason)).toEqual(['not_an_object'])
    expect(await broker.depth(queue)).toBe(0)
    const dead = await broker.drain(`${queue}.dead-letter`)
    expect(dead.map((letter) => letter.content)).toEqual(['{"event_type":"deliv",'])
    expect(dead[0]?.headers['x-evnorm-reason']).toMatch(/json/)
  })

  it('leaves the messages queued while the sink fails, and loads them once it works', async () => {
    const queue = await broker.freshQueue()
    await broker.publish(queue, messages(3, 300))
    const sink = new MemorySink()
    sink.failWith = new SinkError({ target: 'memory:', problem: 'database down' })
    const consumer = start({ url: broker.url, queue, sink })
    await waitFor(() => consumer.totals.connections >= 2, 10_000, 'a reconnect')
    expect(consumer.totals.messages).toBe(0)
    sink.failWith = undefined
    await waitFor(() => consumer.totals.messages === 300, 10_000, 'every message')
    expect(sink.events.size).toBe(300)
  })

  it('survives a broker outage mid-consume: every message loaded, each event once', async () => {
    const queue = await broker.freshQueue()
    await broker.publish(queue, messages(4, 3000))
    const proxy = await startBrokerProxy(broker.url)
    const sink = new MemorySink()
    const consumer = start({ url: proxy.url, queue, sink, prefetch: 100 })
    await waitFor(() => consumer.totals.messages >= 500, 20_000, 'the first units')
    await proxy.outage(1500)
    await waitFor(() => sink.events.size === 3000, 30_000, 'every event')
    expect(consumer.totals.connections).toBeGreaterThanOrEqual(2)
    await consumer.stop()
    await proxy.close()
    expect(await broker.depth(queue)).toBe(0)
  })

  it('shares one queue between two consumers: together they load every message once', async () => {
    const queue = await broker.freshQueue()
    await broker.publish(queue, messages(5, 4000))
    const sinks = [new MemorySink(), new MemorySink()]
    const consumers = sinks.map((sink) => start({ url: broker.url, queue, sink, prefetch: 200 }))
    await waitFor(
      () => consumers.reduce((sum, consumer) => sum + consumer.totals.messages, 0) === 4000,
      30_000,
      'every message',
    )
    const [first, second] = sinks.map((sink) => [...sink.events.keys()])
    expect(first?.length).toBeGreaterThan(0)
    expect(second?.length).toBeGreaterThan(0)
    expect(new Set([...(first ?? []), ...(second ?? [])]).size).toBe(4000)
    expect((first?.length ?? 0) + (second?.length ?? 0)).toBe(4000)
  })
})
