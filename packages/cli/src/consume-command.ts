import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { consumeQueue } from '@evnorm/intake/consume'
import { type CliIo, reportProblem } from './cli-io.js'
import type { ConsumeArgs } from './intake-args.js'
import { openTarget } from './open-target.js'
import { privacyLine, privacyOptions, privateSink } from './personal-data-args.js'
import { stopSignal } from './stop-signal.js'

/**
 * `evnorm consume altcraft-hooks`: consumes the queue Altcraft's action hook publishes to and
 * loads each unit of messages into the target, acknowledging only after the commit, until
 * SIGTERM or SIGINT (then it writes what it received and exits 0). Exit 2: usage error, a
 * target that cannot be opened, a queue that does not exist or refused credentials.
 */
export async function runConsume(args: ConsumeArgs, io: CliIo): Promise<number> {
  const privacy = privacyOptions(args.privacy, io.env)
  if (!privacy.success) return reportProblem(io, undefined, privacy.problem)
  const stop = stopSignal()
  const opened = await openTarget(args.to, 'nothing')
  if (!opened.success) return reportProblem(io, undefined, opened.problem)
  const { sink } = opened
  const broker = redact(args.amqp)
  const log = (line: string) =>
    io.stderr.write(`evnorm consume: ${line.replaceAll(args.amqp, broker)}\n`)
  const consumer = consumeQueue({
    url: args.amqp,
    queue: args.queue,
    adapter: altcraftHooksAdapter,
    sink: privateSink(sink, privacy.options),
    prefetch: args.prefetch,
    log,
  })
  consumer.ready.then(
    () => {
      log(`consuming ${args.queue} on ${broker} into ${sink.target}`)
      const personal = privacyLine(privacy.options).trim()
      if (personal !== '') log(personal)
    },
    () => undefined,
  )
  const ended = await Promise.race([
    stop.then((signal) => {
      log(`${signal}: writing the messages received, then closing`)
      return consumer.stop().then(() => undefined)
    }),
    consumer.done.then(
      () => undefined,
      (error: unknown) => error as Error,
    ),
  ])
  await sink.close().catch(() => undefined)
  const { totals } = consumer
  log(
    `${totals.messages} messages acknowledged, ${totals.events} events loaded (${totals.inserted} new), ` +
      `${totals.rejections} rejections, ${totals.deadLetters} dead letters`,
  )
  return ended === undefined ? 0 : reportProblem(io, broker, ended.message)
}

/** The broker URL without its password. */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'the broker'
  }
}
