import { EvnormError } from '@evnorm/core'
import type { SyncPageReport, SyncSummary } from '@evnorm/core/pull'
import type { Sink } from '@evnorm/core/sink'
import type { SyncArgs } from './cli-args.js'
import { type CliIo, reportProblem } from './cli-io.js'
import { openTarget } from './open-target.js'
import { privacyLine, privacyOptions, privacySummary, privateSink } from './personal-data-args.js'

/** What a sync needs besides the sink: its stream and how to run it into a sink. */
interface PreparedSync {
  readonly stream: string
  readonly run: (
    sink: Sink,
    hooks: {
      signal: AbortSignal
      onPage: (report: SyncPageReport) => void
      onWarning: (warning: string) => void
    },
  ) => Promise<SyncSummary>
}

/**
 * `evnorm sync SOURCE`: pulls the vendor's history into the `--to` sink from the stream's
 * checkpoint, once (catch up, exit 0) or `--follow`ing (poll every `--interval` until SIGTERM
 * or SIGINT, finish the page in hand, exit 0). Credentials come from the environment only and
 * are never printed. Exit 2 for a usage problem, missing variables, refused credentials, a
 * vendor error, a request that failed for good or a target that cannot be written.
 */
export async function runSync(args: SyncArgs, io: CliIo): Promise<number> {
  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  try {
    return await syncUntilStopped(args, io, stop.signal)
  } finally {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  }
}

/** The sync itself; `signal` aborts when SIGTERM or SIGINT arrives, from the very start. */
async function syncUntilStopped(args: SyncArgs, io: CliIo, signal: AbortSignal): Promise<number> {
  const prepared = await prepare(args, io.env)
  if (typeof prepared === 'string') return reportProblem(io, `sync ${args.source}`, prepared)
  const privacy = privacyOptions(args.privacy, io.env)
  if (!privacy.success) return reportProblem(io, undefined, privacy.problem)
  const opened = await openTarget(args.to, 'nothing')
  if (!opened.success) return reportProblem(io, undefined, opened.problem)
  const { sink } = opened
  let outcome: SyncSummary | EvnormError
  try {
    outcome = await prepared.run(privateSink(sink, privacy.options), {
      signal,
      onPage: (report) => {
        if (!args.quiet && !args.jsonSummary) io.stderr.write(progressLine(report))
      },
      onWarning: (warning) => {
        if (!args.quiet && !args.jsonSummary) io.stderr.write(`evnorm: warning: ${warning}\n`)
      },
    })
  } catch (error) {
    if (!EvnormError.isInstance(error)) throw error
    outcome = error
  }
  const closed = await sink.close().then(
    () => undefined,
    (error: unknown) => error,
  )
  if (outcome instanceof Error) return reportProblem(io, prepared.stream, outcome.message)
  if (closed !== undefined) {
    if (!EvnormError.isInstance(closed)) throw closed
    return reportProblem(io, sink.target, closed.message)
  }
  if (args.jsonSummary) {
    const summary = { ...outcome, target: sink.target, ...privacySummary(privacy.options) }
    io.stderr.write(`${JSON.stringify(summary)}\n`)
  } else if (!args.quiet) {
    io.stderr.write(summaryText(outcome, sink.target) + privacyLine(privacy.options))
  }
  return 0
}

async function prepare(args: SyncArgs, env: CliIo['env']): Promise<PreparedSync | string> {
  const schedule = args.follow ? { follow: { intervalMs: args.intervalMs } } : {}
  const rate =
    args.requestsPerSecond === undefined ? {} : { requestsPerSecond: args.requestsPerSecond }
  const limit = args.limit === undefined ? {} : { limit: args.limit }
  if (args.source === 'smaily') {
    const { createSmailyClient, smailyConfigFromEnv, syncSmaily } = await import(
      '@evnorm/smaily-log/pull'
    )
    const config = smailyConfigFromEnv(env)
    if (!config.success) return config.problem
    return {
      stream: config.stream,
      run: (sink, hooks) =>
        syncSmaily({
          client: createSmailyClient({ ...config.client, ...rate }),
          sink,
          stream: config.stream,
          ...limit,
          ...schedule,
          ...hooks,
        }),
    }
  }
  const { altcraftConfigFromEnv, createAltcraftClient, syncAltcraftHistory } = await import(
    '@evnorm/altcraft-history/pull'
  )
  const config = altcraftConfigFromEnv(env)
  if (!config.success) return config.problem
  return {
    stream: config.stream,
    run: (sink, hooks) =>
      syncAltcraftHistory({
        client: createAltcraftClient({ ...config.client, ...rate }),
        sink,
        stream: config.stream,
        listId: config.listId,
        ...limit,
        ...(args.since === undefined ? {} : { since: args.since }),
        ...(args.overlapDays === undefined ? {} : { overlapDays: args.overlapDays }),
        ...schedule,
        ...hooks,
      }),
  }
}

function progressLine(report: SyncPageReport): string {
  const held = report.held > 0 ? `, ${report.held} held back` : ''
  return `evnorm: ${report.stream} page ${report.page} (${report.position}): ${report.records} records, ${report.events} events, ${report.rejections} rejected${held}\n`
}

function summaryText(summary: SyncSummary, target: string): string {
  const lines = [
    `evnorm: sync ${summary.stream}: ${summary.requests} requests (${summary.retries} retried), ${summary.pages} pages, ${summary.records} records read: ${summary.events} events, ${summary.rejections} rejected`,
    `stored into ${target}: ${summary.inserted} events inserted, ${summary.present} already present, ${summary.rejectionsStored} rejections stored`,
    `checkpoint: ${summary.cursor ?? 'none'}`,
  ]
  if (summary.held > 0) {
    lines.push(
      `held back: ${summary.held} records of an unsettled night, read again by the next sync`,
    )
  }
  for (const warning of summary.warnings) lines.push(`warning: ${warning}`)
  return `${lines.join('\n')}\n`
}
