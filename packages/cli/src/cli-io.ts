import type { Readable, Writable } from 'node:stream'

/** Everything `evnorm` touches besides its arguments and files, so tests can run it in-process. */
export interface CliIo {
  /** Read when no file, or `-`, is given. */
  readonly stdin: Readable
  /** Events (unless `--out`), and the output of `schema`, `vocabulary`, `sources`, `--help`. */
  readonly stdout: Writable
  /** Detection notes, the progress bar, the summary and error lines. */
  readonly stderr: Writable
  /** Environment: `TERM=dumb` or `CI` set turns the progress bar off. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** True when stderr is a terminal: the progress bar is drawn for large inputs. */
  readonly isTTY: boolean
  /** True when standard input is a terminal: reading it prints a hint first. */
  readonly stdinIsTTY?: boolean
  /** The clock for elapsed times and rates, in milliseconds (default `performance.now`). */
  readonly now?: () => number
}

/** Writes the one-line error message of `evnorm` (`evnorm: <subject>: <problem>`) and returns 2. */
export function reportProblem(io: CliIo, subject: string | undefined, problem: string): 2 {
  const text = problem.replace(/\s+/g, ' ').trim()
  io.stderr.write(`evnorm: ${subject === undefined ? '' : `${subject}: `}${text}\n`)
  return 2
}
