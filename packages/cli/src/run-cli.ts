import { canonicalEventJsonSchemaText } from '@evnorm/core'
import { parseCliArgs } from './cli-args.js'
import { type CliIo, reportProblem } from './cli-io.js'
import { helpText } from './help-text.js'
import { runNormalize } from './normalize-command.js'
import { cliVersion } from './package-files.js'
import { SOURCE_NAMES } from './sources.js'
import { sourcesTable } from './sources-table.js'
import { vocabularyJson, vocabularyMarkdown } from './vocabulary-tables.js'

/**
 * Runs `evnorm` with `argv` (the arguments after the script name) and resolves to the exit
 * code: 0 done, 1 `--strict` and a record was rejected, 2 usage error, unreadable input,
 * vendor error response, refused credentials, a failed pull or unwritable output (with one
 * `evnorm: …` line on stderr).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (!guarded.has(io.stderr)) {
    guarded.add(io.stderr)
    io.stderr.on('error', () => {})
  }
  return run(argv, io)
}

/** Stderr streams given an error listener, once each (their errors come after a run ends). */
const guarded = new WeakSet<CliIo['stderr']>()

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv)
  if (!parsed.success) return reportProblem(io, undefined, parsed.problem)
  const { command } = parsed
  switch (command.command) {
    case 'help':
      return print(io, helpText(command.topic))
    case 'version':
      return print(io, `${cliVersion()}\n`)
    case 'schema':
      return print(io, canonicalEventJsonSchemaText())
    case 'sources':
      return print(io, sourcesTable())
    case 'vocabulary': {
      const sources = command.source === undefined ? SOURCE_NAMES : [command.source]
      return print(
        io,
        command.format === 'json' ? vocabularyJson(sources) : vocabularyMarkdown(sources),
      )
    }
    case 'normalize':
      return runNormalize(command.args, io)
    case 'load':
      return (await import('./load-command.js')).runLoad(command.args, io)
    case 'sync':
      return (await import('./sync-command.js')).runSync(command.args, io)
    case 'serve':
      return (await import('./serve-command.js')).runServe(command.args, io)
    case 'consume':
      return (await import('./consume-command.js')).runConsume(command.args, io)
  }
}

function print(io: CliIo, text: string): Promise<number> {
  return new Promise((resolve) => {
    const onError = () => resolve(0)
    io.stdout.once('error', onError)
    io.stdout.write(text, (error) => {
      if (!error) io.stdout.off('error', onError)
      resolve(0)
    })
  })
}
