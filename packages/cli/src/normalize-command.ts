import { fstatSync } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import {
  type AnyAdapter,
  type InputFormat,
  normalizeStream,
  scanJsonStream,
  sniffFormat,
  type UnreadableInputError,
  VendorErrorEnvelopeError,
} from '@evnorm/core'
import { batchLines } from './batch-lines.js'
import type { NormalizeArgs } from './cli-args.js'
import { type CliIo, reportProblem } from './cli-io.js'
import { detectSource } from './detect-source.js'
import { expandInputs } from './expand-inputs.js'
import { formatSummary } from './format-summary.js'
import { formatFromName, isInputFormat } from './input-format.js'
import { formatSize } from './input-limits.js'
import { describeIoError } from './io-error.js'
import { LineSink, SinkError } from './line-sink.js'
import { type InputSpec, MAX_HEAD_BYTES, type OpenedInput, openInput } from './open-input.js'
import { PROGRESS_MIN_BYTES, ProgressBar } from './progress-bar.js'
import { type FileReport, RunSummary } from './run-summary.js'
import { SOURCE_NAMES, SOURCES, type SourceName } from './sources.js'

/** The name standard output has in messages. */
const STDOUT_NAME = '<stdout>'

/** Records per batch handed from core's stream to the writers. */
const BATCH_SIZE = 1000

interface Run {
  readonly args: NormalizeArgs
  readonly io: CliIo
  readonly out: LineSink
  readonly rejects: LineSink | undefined
  readonly summary: RunSummary
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
  const expanded = await expandInputs(args.inputs)
  if (!expanded.success) return reportProblem(io, expanded.name, expanded.problem)
  const clash = await findClash(args, expanded.inputs, io.stdin)
  if (clash !== undefined) return reportProblem(io, undefined, clash)
  let out: LineSink | undefined
  let rejects: LineSink | undefined
  try {
    out =
      args.out === undefined
        ? new LineSink(io.stdout, STDOUT_NAME, false)
        : await LineSink.open(args.out)
    rejects = args.rejects === undefined ? undefined : await LineSink.open(args.rejects)
    const run: Run = { args, io, out, rejects, summary: new RunSummary(), pipeClosed: false }
    for (const spec of expanded.inputs) {
      const problem = await normalizeInput(run, spec)
      if (problem !== undefined) {
        await out.abort()
        await rejects?.abort()
        return reportProblem(io, spec.name, problem)
      }
    }
    await writeEvents(run, () => run.out.close())
    await rejects?.close()
    printSummary(run)
    if (run.pipeClosed) {
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
  }
}

/**
 * Writes to standard output unless its reader closed the pipe; a closed pipe is remembered
 * (the run goes on for `--rejects` and the summary, and exits 2), other failures are thrown.
 */
async function writeEvents(run: Run, write: () => Promise<void>): Promise<void> {
  if (run.pipeClosed) return
  try {
    await write()
  } catch (error) {
    if (
      !(error instanceof SinkError && error.code === 'EPIPE' && error.destination === STDOUT_NAME)
    )
      throw error
    run.pipeClosed = true
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

async function normalizeInput(run: Run, spec: InputSpec): Promise<string | undefined> {
  const opened = await openInput(spec, run.io.stdin, run.args.limits)
  if (!opened.success) return opened.problem
  const input = opened.input
  const progress = wantsProgress(run, input) ? new ProgressBar(run.io.stderr) : undefined
  try {
    const format = run.args.format ?? formatFromName(spec.name) ?? sniffedFormat(input.head)
    const chosen = chooseSource(run, input, format)
    if (!chosen.success) return chosen.problem
    if (chosen.source === undefined) {
      run.summary.startFile({
        file: spec.name,
        source: 'none',
        feed: 'none',
        format: 'json',
        detectedBy: chosen.reason,
      })
      return await checkEmptyArray(input)
    }
    const { adapter } = SOURCES[chosen.source]
    const report = run.summary.startFile({
      file: spec.name,
      source: chosen.source,
      feed: adapter.feed,
      format: format ?? 'auto',
      ...(chosen.reason === undefined ? {} : { detectedBy: chosen.reason }),
    })
    return await streamInput(run, input, adapter, format, report, progress)
  } catch (error) {
    if (error instanceof SinkError) throw error
    return describeIoError(error)
  } finally {
    progress?.clear()
    input.close()
  }
}

function chooseSource(
  run: Run,
  input: OpenedInput,
  format: InputFormat | undefined,
):
  | { success: true; source: SourceName; reason?: string }
  | { success: true; source: undefined; reason: string }
  | { success: false; problem: string } {
  if (run.args.source !== 'auto') return { success: true, source: run.args.source }
  const detection = detectSource(input.head, format)
  if (!detection.success) {
    return {
      success: false,
      problem: `cannot tell which feed this is: ${detection.reason}; pass --source ${SOURCE_NAMES.join('|')}`,
    }
  }
  if (!run.args.quiet && !run.args.jsonSummary) {
    run.io.stderr.write(
      detection.source === undefined
        ? `evnorm: ${input.name}: ${detection.reason}, so no feed to detect\n`
        : `evnorm: ${input.name}: reading as ${detection.source} (${detection.reason}), format ${format ?? 'auto'}\n`,
    )
  }
  return detection
}

/** Reads an input whose head is an empty JSON array to its end: zero records, or the problem. */
async function checkEmptyArray(input: OpenedInput): Promise<string | undefined> {
  for await (const item of scanJsonStream(input.chunks, [[]])) {
    if (item.kind === 'error') {
      return `cannot read the input as json at offset ${item.offset}: ${item.message}`
    }
  }
  return undefined
}

async function streamInput(
  run: Run,
  input: OpenedInput,
  adapter: AnyAdapter,
  format: InputFormat | undefined,
  report: FileReport,
  progress: ProgressBar | undefined,
): Promise<string | undefined> {
  const options = {
    batchSize: BATCH_SIZE,
    includeRaw: run.args.includeRaw,
    ...(format === undefined ? {} : { format }),
    ...(format === 'xml' || format === 'csv'
      ? {}
      : { maxTextLength: run.args.limits.maxRecordSize }),
  }
  for await (const item of normalizeStream(adapter, input.chunks, options)) {
    if (!item.success) return describeInputError(item.error, run.args)
    const lines = batchLines(item, adapter.feed, run.rejects !== undefined)
    run.summary.addBatch(report, lines.batch)
    await writeEvents(run, () => run.out.write(lines.events))
    if (run.rejects !== undefined && lines.rejections !== '')
      await run.rejects.write(lines.rejections)
    progress?.update({
      name: input.name,
      read: input.bytesRead(),
      total: input.size ?? 0,
      records: report.records,
    })
  }
  return undefined
}

function wantsProgress(run: Run, input: OpenedInput): boolean {
  const { io, args } = run
  return (
    io.isTTY &&
    !args.quiet &&
    !args.jsonSummary &&
    io.env.TERM !== 'dumb' &&
    io.env.CI === undefined &&
    (input.size ?? 0) >= PROGRESS_MIN_BYTES
  )
}

/**
 * The format the head shows, if it can tell: a head whose first line starts with `{` and
 * shows nothing after it (cut at {@link MAX_HEAD_BYTES} inside a long line, or at a chunk's
 * end) could be JSON or NDJSON, which core tells by reading on.
 */
function sniffedFormat(head: string): InputFormat | undefined {
  const format = sniffFormat(head)
  const newline = head.indexOf('\n')
  if (format === 'json' && head.trimStart().startsWith('{')) {
    if (newline === -1 || head.slice(newline + 1).trim() === '') return undefined
  }
  return format !== undefined && isInputFormat(format) ? format : undefined
}

/** The error line's problem, with the option that helps when there is one. */
function describeInputError(
  error: VendorErrorEnvelopeError | UnreadableInputError,
  args: NormalizeArgs,
): string {
  if (VendorErrorEnvelopeError.isInstance(error)) {
    const text = error.vendorMessage === '' ? '' : `: ${error.vendorMessage}`
    return `the vendor returned an error response instead of records (${error.feed} error ${error.code}${text})`
  }
  if (error.message.includes('(maxTextLength)')) {
    return error.message.replace(
      '(maxTextLength)',
      `(the --max-record-size limit, ${formatSize(args.limits.maxRecordSize)}); pass a larger --max-record-size to read it`,
    )
  }
  const guessed = args.format === undefined
  if (error.format !== 'json' || !error.message.includes('after the end of the JSON value'))
    return error.message
  if (error.message.includes("unexpected '['"))
    return `${error.message}; several JSON documents one after another (appended pages?) are not one input: give each page its own file, or write the records as NDJSON`
  return guessed
    ? `${error.message}; if it holds one JSON value per line, pass --format ndjson`
    : error.message
}

function printSummary(run: Run): void {
  const { args, io, summary } = run
  if (args.jsonSummary) {
    io.stderr.write(`${JSON.stringify(summary.toData())}\n`)
  } else if (!args.quiet) {
    const destinations = {
      out: args.out ?? STDOUT_NAME,
      ...(args.rejects === undefined ? {} : { rejects: args.rejects }),
    }
    io.stderr.write(formatSummary(summary.toData(), destinations))
  }
}
