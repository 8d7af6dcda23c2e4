import { type ParseArgsConfig, parseArgs } from 'node:util'
import { parseSize } from './input-limits.js'
import { PRIVACY_OPTIONS, type PrivacyArgs, parsePrivacyArgs } from './personal-data-args.js'

/** The feed `serve` and `consume` take events of. */
export const INTAKE_SOURCE = 'altcraft-hooks'

/** Options of `evnorm serve altcraft-hooks`. */
export interface ServeArgs {
  /** `--to`: where the events are loaded (default `duckdb:evnorm.duckdb`). */
  readonly to: string
  /** `--spool`: the spool directory. */
  readonly spool: string
  /** `--host` (default `127.0.0.1`). */
  readonly host: string
  /** `--port` (default 8080). */
  readonly port: number
  /** `--path` (default `/hooks`). */
  readonly path: string
  /** `--token-env`: the environment variable holding the bearer token. */
  readonly tokenEnv?: string
  /** `--max-body` in bytes (default 16 MiB). */
  readonly maxBodyBytes: number
  /** `--personal` and `--hash-key-env`; absent: personal data is kept. */
  readonly privacy?: PrivacyArgs
}

/** Options of `evnorm consume altcraft-hooks`. */
export interface ConsumeArgs {
  /** `--amqp`: the broker URL. */
  readonly amqp: string
  /** `--queue`: the queue the hook publishes to. */
  readonly queue: string
  /** `--to`: where the events are loaded (default `duckdb:evnorm.duckdb`). */
  readonly to: string
  /** `--prefetch` (default 500). */
  readonly prefetch: number
  /** `--personal` and `--hash-key-env`; absent: personal data is kept. */
  readonly privacy?: PrivacyArgs
}

/** A parsed `serve` or `consume` command line: the arguments, `help`, or a usage problem. */
export type IntakeParse<A> =
  | { readonly kind: 'args'; readonly args: A }
  | { readonly kind: 'help' }
  | { readonly kind: 'problem'; readonly problem: string }

const SERVE_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  to: { type: 'string', short: 't', default: 'duckdb:evnorm.duckdb' },
  spool: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '8080' },
  path: { type: 'string', default: '/hooks' },
  'token-env': { type: 'string' },
  'max-body': { type: 'string', default: '16mb' },
  ...PRIVACY_OPTIONS,
} as const satisfies ParseArgsConfig['options']

const CONSUME_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  amqp: { type: 'string' },
  queue: { type: 'string' },
  to: { type: 'string', short: 't', default: 'duckdb:evnorm.duckdb' },
  prefetch: { type: 'string', default: '500' },
  ...PRIVACY_OPTIONS,
} as const satisfies ParseArgsConfig['options']

/** Parses the arguments after `evnorm serve`; throws parseArgs' own errors. */
export function parseServeArgs(rest: readonly string[]): IntakeParse<ServeArgs> {
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: SERVE_OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return { kind: 'help' }
  const problem =
    sourceProblem('serve', positionals) ??
    (values.spool === undefined || values.spool === ''
      ? '--spool DIR is required: bodies are stored there before they are answered'
      : undefined)
  if (problem !== undefined) return { kind: 'problem', problem }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    return { kind: 'problem', problem: `--port '${values.port}' is not a port number` }
  }
  if (!values.path.startsWith('/')) {
    return { kind: 'problem', problem: `--path '${values.path}' must start with /` }
  }
  const maxBodyBytes = parseSize(values['max-body'])
  if (maxBodyBytes === undefined) {
    return {
      kind: 'problem',
      problem: `--max-body '${values['max-body']}' is not a size like 16mb`,
    }
  }
  const tokenEnv = values['token-env']
  if (tokenEnv === '') return { kind: 'problem', problem: '--token-env needs a variable name' }
  const privacy = parsePrivacyArgs(values)
  if ('problem' in privacy) return { kind: 'problem', problem: privacy.problem }
  return {
    kind: 'args',
    args: {
      to: values.to,
      spool: values.spool ?? '',
      host: values.host,
      port,
      path: values.path,
      maxBodyBytes,
      ...(tokenEnv === undefined ? {} : { tokenEnv }),
      ...(privacy.privacy === undefined ? {} : { privacy: privacy.privacy }),
    },
  }
}

/** Parses the arguments after `evnorm consume`; throws parseArgs' own errors. */
export function parseConsumeArgs(rest: readonly string[]): IntakeParse<ConsumeArgs> {
  const { values, positionals } = parseArgs({
    args: [...rest],
    options: CONSUME_OPTIONS,
    allowPositionals: true,
    strict: true,
  })
  if (values.help) return { kind: 'help' }
  const problem =
    sourceProblem('consume', positionals) ??
    (values.amqp === undefined || values.amqp === ''
      ? '--amqp URL is required, e.g. amqp://user:password@host:5672/vhost'
      : undefined) ??
    (values.queue === undefined || values.queue === '' ? '--queue NAME is required' : undefined)
  if (problem !== undefined) return { kind: 'problem', problem }
  const prefetch = Number(values.prefetch)
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > 65_535) {
    return { kind: 'problem', problem: `--prefetch '${values.prefetch}' must be 1 to 65535` }
  }
  const privacy = parsePrivacyArgs(values)
  if ('problem' in privacy) return { kind: 'problem', problem: privacy.problem }
  return {
    kind: 'args',
    args: {
      amqp: values.amqp ?? '',
      queue: values.queue ?? '',
      to: values.to,
      prefetch,
      ...(privacy.privacy === undefined ? {} : { privacy: privacy.privacy }),
    },
  }
}

function sourceProblem(command: string, positionals: readonly string[]): string | undefined {
  const [source, extra] = positionals
  if (source === INTAKE_SOURCE && extra === undefined) return undefined
  return `'evnorm ${command}' takes one source, ${INTAKE_SOURCE}: evnorm ${command} ${INTAKE_SOURCE} [options]`
}
