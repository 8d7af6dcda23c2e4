import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { SinkError } from '@evnorm/core/sink'
import { startHookServer } from '@evnorm/intake/serve'
import { type CliIo, reportProblem } from './cli-io.js'
import type { ServeArgs } from './intake-args.js'
import { openTarget } from './open-target.js'
import { privacyLine, privacyOptions, privateSink } from './personal-data-args.js'
import { stopSignal } from './stop-signal.js'

/**
 * `evnorm serve altcraft-hooks`: receives Altcraft's HTTP POST JSON batches, stores each body
 * in the spool before answering 200 OK, and loads the spool into the target until SIGTERM or
 * SIGINT; then it stops accepting, finishes the requests in flight, drains the spool and exits
 * 0. Exit 2: usage error, a target that cannot be opened, a port that cannot be listened on,
 * or a sink that refuses the rest of the spool at the end (it stays in the spool).
 */
export async function runServe(args: ServeArgs, io: CliIo): Promise<number> {
  const token = args.tokenEnv === undefined ? undefined : io.env[args.tokenEnv]
  if (args.tokenEnv !== undefined && (token === undefined || token === '')) {
    return reportProblem(io, undefined, `--token-env: the variable ${args.tokenEnv} is not set`)
  }
  const privacy = privacyOptions(args.privacy, io.env)
  if (!privacy.success) return reportProblem(io, undefined, privacy.problem)
  const stop = stopSignal()
  const opened = await openTarget(args.to, 'nothing')
  if (!opened.success) return reportProblem(io, undefined, opened.problem)
  const { sink } = opened
  const log = (line: string) => io.stderr.write(`evnorm serve: ${line}\n`)
  const started = await startHookServer({
    adapter: altcraftHooksAdapter,
    sink: privateSink(sink, privacy.options),
    spool: args.spool,
    host: args.host,
    port: args.port,
    path: args.path,
    maxBodyBytes: args.maxBodyBytes,
    log,
    ...(token === undefined ? {} : { token }),
  }).catch((error: unknown) => error as Error)
  if (started instanceof Error) {
    await sink.close().catch(() => undefined)
    return reportProblem(io, `${args.host}:${args.port}`, started.message)
  }
  log(`receiving on ${started.url} (spool ${args.spool}, loading into ${sink.target})`)
  const personal = privacyLine(privacy.options).trim()
  if (personal !== '') log(personal)
  const signal = await stop
  log(`${signal}: finishing requests in flight, draining the spool`)
  const drained = await started.stop().catch((error: unknown) => error as Error)
  const closed = await sink.close().catch((error: unknown) => error as Error)
  const { metrics } = started
  log(
    `${metrics.bodiesSpooled} bodies spooled, ${metrics.eventsLoaded} events loaded ` +
      `(${metrics.eventsInserted} new), ${metrics.rejections} rejections, ` +
      `${metrics.deadLetters} dead letters`,
  )
  const problem = drained ?? closed
  if (problem === undefined) return 0
  const text = SinkError.isInstance(problem) ? problem.problem : problem.message
  return reportProblem(io, sink.target, `${text}; what was not loaded stays in ${args.spool}`)
}
