import {
  type InputFormat,
  type PrivacyOptions,
  type UnreadableInputError,
  VendorErrorEnvelopeError,
} from '@evnorm/core'
import { scanJsonStream, sniffFormat } from '@evnorm/core/adapter'
import {
  type BatchTally,
  type EncodedBatch,
  type NormalizePool,
  normalizeInParallel,
} from '@evnorm/core/parallel'
import type { InputArgs } from './cli-args.js'
import type { CliIo } from './cli-io.js'
import { detectSource } from './detect-source.js'
import { formatFromName, isInputFormat } from './input-format.js'
import { formatSize } from './input-limits.js'
import { describeIoError } from './io-error.js'
import { type InputSpec, MAX_HEAD_BYTES, type OpenedInput, openInput } from './open-input.js'
import { PROGRESS_MIN_BYTES, ProgressBar } from './progress-bar.js'
import type { ReadAhead } from './read-ahead.js'
import type { FileReport, RunSummary } from './run-summary.js'
import { SOURCE_NAMES, SOURCES, type SourceEntry, type SourceName } from './sources.js'

/** Printed before reading standard input from a terminal, where a run would otherwise wait silently. */
export const STDIN_HINT =
  'evnorm: reading records from standard input, which is the terminal: paste them and end with ' +
  'Ctrl-D (Ctrl-Z Enter on Windows), or give files or directories as arguments (see --help)\n'

/** Inputs smaller than this are normalized on the main thread: they end before a worker starts. */
const PARALLEL_MIN_BYTES = 256 << 10

/** Receives the batches of one input, in order, their events written as NDJSON; a rejection stops the run. */
export interface BatchWriter {
  /** Takes one batch of the input; the returned tally is what the summary counts. */
  write(batch: EncodedBatch, feed: string, input: string): Promise<BatchTally>
  /** Called once the input has been read to its end. */
  endInput(input: string): Promise<void>
}

/** Where the reading of the inputs went. */
export interface InputRun {
  readonly args: InputArgs
  readonly io: CliIo
  readonly summary: RunSummary
  readonly writer: BatchWriter
  /** The privacy policy the events and rejections are written under; absent: none. */
  readonly privacy?: PrivacyOptions
  /** Threads that normalize (`--workers`). */
  readonly pool: NormalizePool
}

/**
 * Streams one input through its feed's adapter into the run's writer, counting every batch in
 * the summary. Resolves to the problem that stopped it, or undefined; the writer's own errors
 * propagate.
 */
export async function streamInput(
  run: InputRun,
  spec: InputSpec,
  isWriterError: (error: unknown) => boolean,
  ahead?: ReadAhead,
): Promise<string | undefined> {
  if (spec.path === undefined && run.io.stdinIsTTY === true) run.io.stderr.write(STDIN_HINT)
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
    const entry = SOURCES[chosen.source]
    const { adapter } = entry
    const report = run.summary.startFile({
      file: spec.name,
      source: chosen.source,
      feed: adapter.feed,
      format: format ?? 'auto',
      ...(chosen.reason === undefined ? {} : { detectedBy: chosen.reason }),
    })
    if (ahead !== undefined && ahead.source === chosen.source && ahead.format === format) {
      run.summary.addBatch(report, await run.writer.write(ahead.batch, adapter.feed, input.name))
      await run.writer.endInput(spec.name)
      return undefined
    }
    const problem = await readBatches(run, input, entry, format, report, progress)
    if (problem === undefined) await run.writer.endInput(spec.name)
    return problem
  } catch (error) {
    if (isWriterError(error)) throw error
    return describeIoError(error)
  } finally {
    progress?.clear()
    input.close()
  }
}

function chooseSource(
  run: InputRun,
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

async function readBatches(
  run: InputRun,
  input: OpenedInput,
  entry: SourceEntry,
  format: InputFormat | undefined,
  report: FileReport,
  progress: ProgressBar | undefined,
): Promise<string | undefined> {
  const { adapter } = entry
  const options = readOptions(run, format)
  const small = (input.size ?? Number.POSITIVE_INFINITY) < PARALLEL_MIN_BYTES
  const threads = small ? { workers: 1 } : { pool: run.pool }
  for await (const item of normalizeInParallel(entry.reference, input.chunks, {
    ...options,
    ...threads,
  })) {
    if (!item.success) return describeInputError(item.error, run.args)
    run.summary.addBatch(report, await run.writer.write(item, adapter.feed, input.name))
    progress?.update({
      name: input.name,
      read: input.bytesRead(),
      total: input.size ?? 0,
      records: report.records,
    })
  }
  return undefined
}

/** How the run's options read an input of `format` (undefined: sniffed by core). */
export function readOptions(run: InputRun, format: InputFormat | undefined) {
  return {
    includeRaw: run.args.includeRaw,
    ...(run.privacy === undefined ? {} : { privacy: run.privacy }),
    ...(format === undefined ? {} : { format }),
    ...(format === 'xml' || format === 'csv'
      ? {}
      : { maxTextLength: run.args.limits.maxRecordSize }),
  }
}

function wantsProgress(run: InputRun, input: OpenedInput): boolean {
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
export function sniffedFormat(head: string): InputFormat | undefined {
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
  args: InputArgs,
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
