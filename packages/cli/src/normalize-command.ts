import { fstatSync } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { PrivacyOptions } from '@evnorm/core'
import { NormalizePool, rejectionLines } from '@evnorm/core/parallel'
import type { NormalizeArgs } from './cli-args.js'
import { type CliIo, reportProblem } from './cli-io.js'
import { expandInputs } from './expand-inputs.js'
import { formatSummary, formatWarnings } from './format-summary.js'
import { LineSink, SinkError } from './line-sink.js'
import type { InputSpec } from './open-input.js'
import { privacyLine, privacyOptions, privacySummary } from './personal-data-args.js'
import { InputsAhead } from './read-ahead.js'
import { RunSummary } from './run-summary.js'
import { type BatchWriter, streamInput } from './stream-inputs.js'

/** The name standard output has in messages. */
const STDOUT_NAME = '<stdout>'

/** Where events go, and whether standard output's reader closed the pipe. */
interface Output {
  readonly out: LineSink
  readonly rejects: LineSink | undefined
  /** Standard output's reader closed the pipe: later events are not written. */
  pipeClosed: boolean
}

/**
 * `evnorm normalize`: streams every input through its feed's adapter, writing events (and
 * rejections) as NDJSON with backpressure. Returns the exit code: 0, 1 (`--strict` and a
 * rejection) or 2 (usage error, unreadable input, vendor error response, unwritable output,
 * or a reader that closed standard output's pipe early: the run still reads every input, so
 * `--rejects` and the summary are complete, but the events are not).
 */
export async function runNormalize(args: NormalizeArgs, io: CliIo): Promise<number> {
  const privacy = privacyOptions(args.privacy, io.env)
  if (!privacy.success) return reportProblem(io, undefined, privacy.problem)
  const expanded = await expandInputs(args.inputs)
  if (!expanded.success) return reportProblem(io, expanded.name, expanded.problem)
  const clash = await findClash(args, expanded.inputs, io.stdin)
  if (clash !== undefined) return reportProblem(io, undefined, clash)
  let out: LineSink | undefined
  let rejects: LineSink | undefined
  const pool = new NormalizePool(args.workers)
  try {
    out =
      args.out === undefined
        ? new LineSink(io.stdout, STDOUT_NAME, false)
        : await LineSink.open(args.out)
    rejects = args.rejects === undefined ? undefined : await LineSink.open(args.rejects)
    const output: Output = { out, rejects, pipeClosed: false }
    const run = {
      args,
      io,
      summary: new RunSummary(io.now),
      writer: lineWriter(output),
      pool,
      ...(privacy.options === undefined ? {} : { privacy: privacy.options }),
    }
    const ahead = new InputsAhead(run, expanded.inputs)
    for (const [index, spec] of expanded.inputs.entries()) {
      const read = await ahead.take(index)
      const problem = await streamInput(run, spec, (error) => error instanceof SinkError, read)
      if (problem !== undefined) {
        await out.abort()
        await rejects?.abort()
        return reportProblem(io, spec.name, problem)
      }
    }
    await writeEvents(output, () => output.out.close())
    await rejects?.close()
    printSummary(args, io, run.summary, privacy.options)
    if (output.pipeClosed) {
      return reportProblem(
        io,
        STDOUT_NAME,
        'cannot write: the reader closed the pipe before the last event, so the output is incomplete',
      )
    }
    return args.strict && run.summary.rejected > 0 ? 1 : 0
  } catch (error) {
    if (!(error instanceof SinkError)) throw error
    await out?.abort()
    await rejects?.abort()
    return reportProblem(io, error.destination, `cannot write: ${error.problem}`)
  } finally {
    await pool.close()
  }
}

/**
 * Writes to standard output unless its reader closed the pipe; a closed pipe is remembered
 * (the run goes on for `--rejects` and the summary, and exits 2), other failures are thrown.
 */
async function writeEvents(output: Output, write: () => Promise<void>): Promise<void> {
  if (output.pipeClosed) return
  try {
    await write()
  } catch (error) {
    if (
      !(error instanceof SinkError && error.code === 'EPIPE' && error.destination === STDOUT_NAME)
    )
      throw error
    output.pipeClosed = true
  }
}

/**
 * Why `--out` or `--rejects` would overwrite an input or each other, compared by file
 * identity (device and inode), so a symlink or hard link to an input, or a file redirected to
 * standard input, is caught too. Devices and pipes (`/dev/null`, `/dev/stdout`) never clash.
 */
async function findClash(
  args: NormalizeArgs,
  inputs: readonly InputSpec[],
  stdin: CliIo['stdin'],
): Promise<string | undefined> {
  const out = args.out === undefined ? undefined : await fileIdentity(args.out)
  const rejects = args.rejects === undefined ? undefined : await fileIdentity(args.rejects)
  if (out !== undefined && out === rejects) return '--out and --rejects name the same file'
  for (const input of inputs) {
    const identity =
      input.path === undefined ? stdinIdentity(stdin) : await fileIdentity(input.path)
    if (identity === undefined) continue
    const what = input.path === undefined ? 'the file on standard input' : 'also an input'
    if (identity === out) return `--out ${args.out} is ${what} and would be overwritten`
    if (identity === rejects) return `--rejects ${args.rejects} is ${what} and would be overwritten`
  }
  return undefined
}

function regularFileIdentity(stats: { isFile(): boolean; dev: number; ino: number }) {
  return stats.isFile() ? `file ${stats.dev}:${stats.ino}` : undefined
}

/** The identity of the regular file standard input reads, if it reads one. */
function stdinIdentity(stdin: CliIo['stdin']): string | undefined {
  const fd = (stdin as { fd?: unknown }).fd
  if (typeof fd !== 'number') return undefined
  try {
    return regularFileIdentity(fstatSync(fd))
  } catch {
    return undefined
  }
}

/**
 * Device and inode of an existing regular file (links followed); undefined for an existing
 * device, pipe or directory; else its path with the directory's links resolved.
 */
async function fileIdentity(path: string): Promise<string | undefined> {
  const stats = await stat(path).catch(() => undefined)
  if (stats !== undefined) return regularFileIdentity(stats)
  const absolute = resolve(path)
  const directory = await realpath(dirname(absolute)).catch(() => dirname(absolute))
  return `path ${join(directory, basename(absolute))}`
}

/** Writes each batch's NDJSON lines: events to `out`, rejections to `rejects` when given. */
function lineWriter(output: Output): BatchWriter {
  const { out, rejects } = output
  return {
    async write(batch) {
      await writeEvents(output, () => out.write(batch.events))
      if (rejects === undefined || batch.rejections.length === 0) return batch
      const lines = rejectionLines(batch.rejections)
      await rejects.write(lines.text)
      return { ...batch, rejections: lines.rejections }
    },
    async endInput() {},
  }
}

/** The summary (JSON, text or none with `--quiet`), then any warning unless the JSON holds it. */
function printSummary(
  args: NormalizeArgs,
  io: CliIo,
  summary: RunSummary,
  privacy: PrivacyOptions | undefined,
): void {
  const data = summary.toData()
  if (args.jsonSummary) {
    io.stderr.write(`${JSON.stringify({ ...data, ...privacySummary(privacy) })}\n`)
    return
  }
  if (!args.quiet) {
    const destinations = {
      out: args.out ?? STDOUT_NAME,
      ...(args.rejects === undefined ? {} : { rejects: args.rejects }),
    }
    io.stderr.write(formatSummary(data, destinations) + privacyLine(privacy))
  }
  io.stderr.write(formatWarnings(data))
}
