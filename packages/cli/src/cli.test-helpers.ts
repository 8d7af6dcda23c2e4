import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { CliIo } from './cli-io.js'
import { runCli } from './run-cli.js'

/** What an in-process run of `evnorm` produced. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk))
      done()
    },
  })
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

/** Runs `evnorm` in-process with `stdin` as standard input (empty by default). */
export async function runInProcess(
  argv: readonly string[],
  options: {
    stdin?: string | Uint8Array
    isTTY?: boolean
    stdinIsTTY?: boolean
    env?: Record<string, string>
    now?: () => number
  } = {},
): Promise<CliRun> {
  const stdin = new PassThrough()
  stdin.end(options.stdin ?? '')
  const stdout = collector()
  const stderr = collector()
  const io: CliIo = {
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    stdinIsTTY: options.stdinIsTTY ?? false,
    ...(options.now === undefined ? {} : { now: options.now }),
  }
  const code = await runCli(argv, io)
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

/** The non-empty lines of an NDJSON text, parsed. */
export function parseLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown)
}

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** The built `evnorm` binary. */
export const BIN = join(root, 'packages/cli/dist/bin.js')

/** Newest modification time of any package's sources (core and the adapters build into the CLI). */
function newestSource(): number {
  const packages = join(root, 'packages')
  return Math.max(
    ...readdirSync(packages).flatMap((name) => {
      const dir = join(packages, name, 'src')
      if (!existsSync(dir)) return []
      return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(
        (file) => statSync(join(dir, file)).mtimeMs,
      )
    }),
  )
}

/** Builds the CLI (and what it depends on) when {@link BIN} is missing or older than a source. */
export function buildBinIfStale(): void {
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newestSource()) return
  execFileSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@evnorm/cli', '--output-logs=errors-only'],
    { cwd: root, stdio: 'inherit' },
  )
}

/** The repository's `examples/` folder. */
export const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url))

/** How many events `evnorm normalize` gives for every file of `examples/`. */
export async function exampleEventCount(): Promise<number> {
  const run = await runInProcess(['normalize', '-q', EXAMPLES])
  if (run.code !== 0) throw new Error(`evnorm normalize examples exited ${run.code}: ${run.stderr}`)
  return parseLines(run.stdout).length
}
