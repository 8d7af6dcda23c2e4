import { availableParallelism } from 'node:os'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { InputFormat } from '@evnorm/core'
import { isInputFormat } from './input-format.js'
import { DEFAULT_INPUT_LIMITS, type InputLimits, parseSize } from './input-limits.js'
import {
  type ConsumeArgs,
  type IntakeParse,
  parseConsumeArgs,
  parseServeArgs,
  type ServeArgs,
} from './intake-args.js'
import { PRIVACY_OPTIONS, type PrivacyArgs, parsePrivacyArgs } from './personal-data-args.js'
import { isSourceName, SOURCE_NAMES, type SourceName } from './sources.js'
import { SYNC_SOURCES, type SyncSource } from './sync-sources.js'

/** The commands of `evnorm`. */
export const COMMANDS = [
  'normalize',
  'load',
  'sync',
  'serve',
  'consume',
  'schema',
  'vocabulary',
  'sources',
] as const

/** A command name. */
export type CommandName = (typeof COMMANDS)[number]

/** How the inputs are read: the options `normalize` and `load` share. */
export interface InputArgs {
  /** Files (or directories) as given; empty means standard input, `-` is standard input. */
  readonly inputs: readonly string[]
  /** `--source`: a feed, or `auto` (the default). */
  readonly source: SourceName | 'auto'
  /** `--format`; absent: from the file name, then from the content. */
  readonly format?: InputFormat
  /** `--quiet`: no detection notes, progress bar or text summary. */
  readonly quiet: boolean
  /** `--json-summary`: the summary as one JSON object on stderr. */
  readonly jsonSummary: boolean
  /** `--include-raw`: attach the vendor record to every event as `raw`. */
  readonly includeRaw: boolean
  /** `--strict`: exit 1 when any record was rejected. */
  readonly strict: boolean
  /** `--max-record-size`, `--max-decompressed-size`, `--max-compression-ratio`. */
  readonly limits: InputLimits
  /** `--personal` and `--hash-key-env`; absent: personal data is kept. */
  readonly privacy?: PrivacyArgs
  /** `--workers`: threads that normalize, the main one included (default: the available cores). */
  readonly workers: number
}

/** Options of `evnorm normalize`. */
export interface NormalizeArgs extends InputArgs {
  /** `--out`; absent: standard output. */
  readonly out?: string
  /** `--rejects`; absent: rejections are only counted in the summary. */
  readonly rejects?: string
}

/** Options of `evnorm load`. */
export interface LoadArgs extends InputArgs {
  /** `--to`: `duckdb:PATH` (default `duckdb:evnorm.duckdb`), `postgres://…` or `parquet:DIR`. */
  readonly to: string
  /** `--on-conflict`: keep (`nothing`, the default) or replace (`update`) stored events. */
  readonly onConflict: 'nothing' | 'update'
}

/** Options of `evnorm sync`. */
export interface SyncArgs {
  /** What to pull from. */
  readonly source: SyncSource
  /** `--to`, as `evnorm load` (default `duckdb:evnorm.duckdb`). */
  readonly to: string
  /** `--follow`: poll every `intervalMs` until SIGTERM; otherwise catch up once. */
  readonly follow: boolean
  /** `--interval` in ms (default 60 s). */
  readonly intervalMs: number
  /** `--rate`: requests per second at most (default the vendor's: 5). */
  readonly requestsPerSecond?: number
  /** `--limit`: rows per request (default Smaily 10,000, Altcraft 1000). */
  readonly limit?: number
  /** `--since`: Altcraft's first day without a checkpoint. */
  readonly since?: string
  /** `--overlap-days`: Altcraft days read again before the checkpoint's. */
  readonly overlapDays?: number
  /** `--quiet`: no progress lines or summary. */
  readonly quiet: boolean
  /** `--json-summary`: the summary as one JSON object on stderr, no progress lines. */
  readonly jsonSummary: boolean
  /** `--personal` and `--hash-key-env`; absent: personal data is kept. */
  readonly privacy?: PrivacyArgs
}

/** Where `evnorm load` writes when `--to` is not given. */
export const DEFAULT_LOAD_TARGET = 'duckdb:evnorm.duckdb'

/** A parsed command line. */
export type CliCommand =
  | { readonly command: 'help'; readonly topic?: CommandName }
  | { readonly command: 'version' }
  | { readonly command: 'normalize'; readonly args: NormalizeArgs }
  | { readonly command: 'load'; readonly args: LoadArgs }
  | { readonly command: 'sync'; readonly args: SyncArgs }
  | { readonly command: 'serve'; readonly args: ServeArgs }
  | { readonly command: 'consume'; readonly args: ConsumeArgs }
  | { readonly command: 'schema' }
  | { readonly command: 'vocabulary'; readonly source?: SourceName; readonly format: 'md' | 'json' }
  | { readonly command: 'sources' }

/** What {@link parseCliArgs} returns: the command, or a one-line usage problem. */
export type ParseCliResult =
  | { readonly success: true; readonly command: CliCommand }
  | { readonly success: false; readonly problem: string }

const HELP = { help: { type: 'boolean', short: 'h' } } as const

const INPUT_OPTIONS = {
  ...HELP,
  source: { type: 'string', short: 's', default: 'auto' },
  format: { type: 'string', short: 'f' },
  strict: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  'json-summary': { type: 'boolean', default: false },
  'include-raw': { type: 'boolean', default: false },
  'max-record-size': { type: 'string' },
  'max-decompressed-size': { type: 'string' },
  'max-compression-ratio': { type: 'string' },
  workers: { type: 'string', short: 'w' },
  ...PRIVACY_OPTIONS,
} as const satisfies ParseArgsConfig['options']

const NORMALIZE_OPTIONS = {
  ...INPUT_OPTIONS,
  out: { type: 'string', short: 'o' },
  rejects: { type: 'string', short: 'r' },
} as const satisfies ParseArgsConfig['options']

const LOAD_OPTIONS = {
  ...INPUT_OPTIONS,
  to: { type: 'string', short: 't', default: DEFAULT_LOAD_TARGET },
  'on-conflict': { type: 'string', default: 'nothing' },
} as const satisfies ParseArgsConfig['options']

const SYNC_OPTIONS = {
  ...HELP,
  to: { type: 'string', short: 't', default: DEFAULT_LOAD_TARGET },
  once: { type: 'boolean', default: false },
  follow: { type: 'boolean', default: false },
  interval: { type: 'string', default: '60s' },
  rate: { type: 'string' },
  limit: { type: 'string' },
  since: { type: 'string' },
  'overlap-days': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  'json-summary': { type: 'boolean', default: false },
  ...PRIVACY_OPTIONS,
} as const satisfies ParseArgsConfig['options']

const VOCABULARY_OPTIONS = {
  ...HELP,
  source: { type: 'string', short: 's' },
  format: { type: 'string', short: 'f', default: 'md' },
} as const satisfies ParseArgsConfig['options']

class UsageProblem extends Error {}

/** Parses `evnorm`'s arguments (without `node` and the script). Never throws. */
export function parseCliArgs(argv: readonly string[]): ParseCliResult {
  try {
    return { success: true, command: parseCommand(argv) }
  } catch (error) {
    if (error instanceof UsageProblem) return { success: false, problem: error.message }
    if (
      error instanceof TypeError &&
      String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
    ) {
      return { success: false, problem: `${firstSentence(error.message)}; try 'evnorm --help'` }
    }
    throw error
  }
}

function parseCommand(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv
  if (first === undefined) {
    throw new UsageProblem(`missing command: one of ${COMMANDS.join(', ')}; try 'evnorm --help'`)
  }
  if (first === '--help' || first === '-h') return { command: 'help' }
  if (first === '--version' || first === '-V') return { command: 'version' }
  if (first === 'help') return parseHelp(rest)
  if (first.startsWith('-')) {
    throw new UsageProblem(`expected a command before '${first}'; try 'evnorm --help'`)
  }
  switch (first) {
    case 'normalize':
      return parseNormalize(rest)
    case 'load':
      return parseLoad(rest)
    case 'sync':
      return parseSync(rest)
    case 'serve':
      return intakeCommand('serve', parseServeArgs(rest))
    case 'consume':
      return intakeCommand('consume', parseConsumeArgs(rest))
    case 'vocabulary':
      return parseVocabulary(rest)
    case 'schema':
    case 'sources': {
      const { values } = parseArgs({
        args: [...rest],
        options: HELP,
        allowPositionals: false,
        strict: true,
      })
      return values.help ? { command: 'help', topic: first } : { command: first }
    }
    default:
      throw new UsageProblem(`unknown command '${first}': use one of ${COMMANDS.join(', ')}`)
  }
}

/** `evnorm help [command]`; a `--help` there (`evnorm help --help`) asks for the same help. */
function parseHelp(rest: readonly string[]): CliCommand {
  const [topic, extra] = rest.filter((word) => word !== '--help' && word !== '-h')
  if (topic === undefined) return { command: 'help' }
  if (extra !== undefined || !isCommandName(topic)) {
    throw new UsageProblem(`'evnorm help' takes one of ${COMMANDS.join(', ')}`)
  }
  return { command: 'help', topic }
}

function parseNormalize(rest: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: NORMALIZE_OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return { command: 'help', topic: 'normalize' }
  for (const [name, value] of [
    ['--out', values.out],
    ['--rejects', values.rejects],
  ] as const) {
    if (value === '') throw new UsageProblem(`${name} needs a file name`)
  }
  return {
    command: 'normalize',
    args: {
      ...inputArgs(values, positionals),
      ...(values.out === undefined ? {} : { out: values.out }),
      ...(values.rejects === undefined ? {} : { rejects: values.rejects }),
    },
  }
}

/** The most worker threads `--workers` takes. */
const MAX_WORKERS = 256

function workersOption(value: string | undefined): number {
  if (value === undefined) return availableParallelism()
  const workers = Number(value)
  if (!/^\d+$/.test(value) || workers < 1 || workers > MAX_WORKERS) {
    throw new UsageProblem(
      `--workers takes a whole number of threads from 1 to ${MAX_WORKERS}, not '${value}'`,
    )
  }
  return workers
}

function parseLoad(rest: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: LOAD_OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return { command: 'help', topic: 'load' }
  const onConflict = values['on-conflict']
  if (onConflict !== 'nothing' && onConflict !== 'update') {
    throw new UsageProblem(`unknown --on-conflict '${onConflict}': use nothing or update`)
  }
  return {
    command: 'load',
    args: { ...inputArgs(values, positionals), to: values.to, onConflict },
  }
}

function parseSync(rest: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: SYNC_OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return { command: 'help', topic: 'sync' }
  const [source, extra] = positionals
  if (source === undefined || extra !== undefined || !isSyncSource(source)) {
    throw new UsageProblem(`'evnorm sync' takes one source: ${SYNC_SOURCES.join(' or ')}`)
  }
  if (values.once && values.follow) throw new UsageProblem('use --once or --follow, not both')
  const intervalMs = readDuration(values.interval)
  if (intervalMs === undefined) {
    throw new UsageProblem(`--interval '${values.interval}': use e.g. 60s, 5m, 1h or 500ms`)
  }
  const rate = values.rate === undefined ? undefined : Number(values.rate)
  if (rate !== undefined && !(rate > 0))
    throw new UsageProblem('--rate needs a positive number of requests per second')
  if (values.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
    throw new UsageProblem('--since needs a day, YYYY-MM-DD')
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit)
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit > 0 && limit <= 10_000)) {
    throw new UsageProblem('--limit needs a whole number from 1 to 10000')
  }
  const overlap = values['overlap-days'] === undefined ? undefined : Number(values['overlap-days'])
  if (overlap !== undefined && !(Number.isSafeInteger(overlap) && overlap >= 0)) {
    throw new UsageProblem('--overlap-days needs a whole number of days, 0 or more')
  }
  if (source === 'smaily' && (values.since !== undefined || overlap !== undefined)) {
    throw new UsageProblem(
      '--since and --overlap-days are for altcraft-history (Smaily syncs by seq_id)',
    )
  }
  const privacy = checkedPrivacy(values)
  return {
    command: 'sync',
    args: {
      source,
      to: values.to,
      follow: values.follow,
      intervalMs,
      quiet: values.quiet,
      jsonSummary: values['json-summary'],
      ...(rate === undefined ? {} : { requestsPerSecond: rate }),
      ...(limit === undefined ? {} : { limit }),
      ...(values.since === undefined ? {} : { since: values.since }),
      ...(overlap === undefined ? {} : { overlapDays: overlap }),
      ...(privacy === undefined ? {} : { privacy }),
    },
  }
}

function checkedPrivacy(values: Parameters<typeof parsePrivacyArgs>[0]): PrivacyArgs | undefined {
  const parsed = parsePrivacyArgs(values)
  if ('problem' in parsed) throw new UsageProblem(parsed.problem)
  return parsed.privacy
}

/** `60s`, `5m`, `1h`, `500ms` or a bare number of seconds, in ms; undefined when unreadable. */
function readDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (match === null) return undefined
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[
    (match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'
  ]
  const ms = Number(match[1]) * unit
  return ms > 0 ? ms : undefined
}

function isSyncSource(name: string): name is SyncSource {
  return (SYNC_SOURCES as readonly string[]).includes(name)
}

function intakeCommand<C extends 'serve' | 'consume'>(
  command: C,
  parsed: IntakeParse<C extends 'serve' ? ServeArgs : ConsumeArgs>,
): CliCommand {
  if (parsed.kind === 'problem') throw new UsageProblem(parsed.problem)
  if (parsed.kind === 'help') return { command: 'help', topic: command }
  return { command, args: parsed.args } as CliCommand
}

/** The input options `normalize` and `load` share, checked. */
function inputArgs(
  values: {
    source: string
    format?: string | undefined
    strict: boolean
    quiet: boolean
    'json-summary': boolean
    'include-raw': boolean
    'max-record-size'?: string | undefined
    'max-decompressed-size'?: string | undefined
    'max-compression-ratio'?: string | undefined
    workers?: string | undefined
    personal?: string[] | undefined
    'hash-key-env'?: string | undefined
  },
  positionals: readonly string[],
): InputArgs {
  const { source, format } = values
  if (source !== 'auto' && !isSourceName(source)) {
    throw new UsageProblem(
      `unknown --source '${source}': use auto or one of ${SOURCE_NAMES.join(', ')}`,
    )
  }
  if (format !== undefined && !isInputFormat(format)) {
    throw new UsageProblem(`unknown --format '${format}': use json, ndjson, xml or csv`)
  }
  if (positionals.filter((input) => input === '-').length > 1) {
    throw new UsageProblem("standard input ('-') can be read only once")
  }
  const privacy = checkedPrivacy(values)
  return {
    inputs: positionals,
    source,
    ...(format === undefined ? {} : { format }),
    strict: values.strict,
    quiet: values.quiet,
    jsonSummary: values['json-summary'],
    includeRaw: values['include-raw'],
    limits: {
      maxRecordSize: sizeOption(
        '--max-record-size',
        values['max-record-size'],
        DEFAULT_INPUT_LIMITS.maxRecordSize,
      ),
      maxDecompressedSize: sizeOption(
        '--max-decompressed-size',
        values['max-decompressed-size'],
        DEFAULT_INPUT_LIMITS.maxDecompressedSize,
      ),
      maxCompressionRatio: ratioOption(values['max-compression-ratio']),
    },
    workers: workersOption(values.workers),
    ...(privacy === undefined ? {} : { privacy }),
  }
}

function sizeOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const size = parseSize(value)
  if (size === undefined) {
    throw new UsageProblem(`${name} takes a size such as 1048576, 512K, 64M or 2G, not '${value}'`)
  }
  return size
}

function ratioOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_INPUT_LIMITS.maxCompressionRatio
  const ratio = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(ratio) || ratio < 1) {
    throw new UsageProblem(
      `--max-compression-ratio takes a whole number of 1 or more, not '${value}'`,
    )
  }
  return ratio
}

function parseVocabulary(rest: readonly string[]): CliCommand {
  const { values } = parseArgs({ args: [...rest], options: VOCABULARY_OPTIONS, strict: true })
  if (values.help) return { command: 'help', topic: 'vocabulary' }
  const { source, format } = values
  if (source !== undefined && !isSourceName(source)) {
    throw new UsageProblem(`unknown --source '${source}': use one of ${SOURCE_NAMES.join(', ')}`)
  }
  if (format !== 'md' && format !== 'json') {
    throw new UsageProblem(`unknown --format '${format}': use md or json`)
  }
  return { command: 'vocabulary', format, ...(source === undefined ? {} : { source }) }
}

function firstSentence(message: string): string {
  const sentence = message.replace(/\s+/g, ' ').split(/\.(?: |$)/)[0] ?? message
  return sentence.charAt(0).toLowerCase() + sentence.slice(1)
}

function isCommandName(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name)
}
