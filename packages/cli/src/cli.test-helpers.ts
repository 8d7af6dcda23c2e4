import { PassThrough, Writable } from 'node:stream'
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
  options: { stdin?: string | Uint8Array; isTTY?: boolean; env?: Record<string, string> } = {},
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
