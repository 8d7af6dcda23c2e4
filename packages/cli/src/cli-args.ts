import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { InputFormat } from '@evnorm/core'
import { isInputFormat } from './input-format.js'
import {
  type ConsumeArgs,
  type IntakeParse,
  parseConsumeArgs,
  parseServeArgs,
  type ServeArgs,
} from './intake-args.js'
import { isSourceName, SOURCE_NAMES, type SourceName } from './sources.js'

/** The commands of `evnorm`. */
export const COMMANDS = [
  'normalize',
  'load',
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

/** Where `evnorm load` writes when `--to` is not given. */
export const DEFAULT_LOAD_TARGET = 'duckdb:evnorm.duckdb'

/** A parsed command line. */
export type CliCommand =
  | { readonly command: 'help'; readonly topic?: CommandName }
  | { readonly command: 'version' }
  | { readonly command: 'normalize'; readonly args: NormalizeArgs }
  | { readonly command: 'load'; readonly args: LoadArgs }
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

function parseHelp(rest: readonly string[]): CliCommand {
  const [topic, extra] = rest
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
  return {
    inputs: positionals,
    source,
    ...(format === undefined ? {} : { format }),
    strict: values.strict,
    quiet: values.quiet,
    jsonSummary: values['json-summary'],
    includeRaw: values['include-raw'],
  }
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
