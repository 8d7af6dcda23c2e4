import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runInProcess } from './cli.test-helpers.js'
import { rejectionWarnings } from './rejection-warning.js'
import type { FileReport } from './run-summary.js'
import { STDIN_HINT } from './stream-inputs.js'

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url))

/** A file of `count` NDJSON records that no adapter accepts as Smaily's (no `action`). */
function foreignRecords(count: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'evnorm-ux-')), 'foreign.ndjson')
  writeFileSync(path, '{"event":"open","when":"2024-01-01"}\n'.repeat(count))
  return path
}

describe('rejectionWarnings', () => {
  const report = (records: number, rejected: number): FileReport => ({
    file: 'f.ndjson',
    source: 'smaily-log',
    feed: 'smaily.history',
    format: 'ndjson',
    records,
    events: records - rejected,
    rejected,
  })

  it('warns from 90% of a file rejected, not below, not for an empty file', () => {
    expect(rejectionWarnings([report(10, 9), report(10, 8), report(0, 0)])).toEqual([
      "f.ndjson: 90% of 10 records rejected reading it as smaily-log; is that its feed? choose one with --source ('evnorm sources' lists them)",
    ])
  })
})

describe('a mostly rejected input (a likely wrong --source)', () => {
  it('warns on stderr after the summary, also with --quiet, and exits 0', async () => {
    const path = foreignRecords(1200)
    const run = await runInProcess(['normalize', '-s', 'smaily-log', '-o', '/dev/null', path])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(
      /evnorm: 1 input, 1,200 records read in [^:]+: 0 events from 0 accepted, 1,200 rejected\n/,
    )
    expect(run.stderr).toMatch(/\nevnorm: warning: .*: 100% of 1,200 records rejected .*\n$/)
    const quiet = await runInProcess([
      'normalize',
      '-q',
      '-s',
      'smaily-log',
      '-o',
      '/dev/null',
      path,
    ])
    expect(quiet.stderr).toMatch(/^evnorm: warning: [^\n]+\n$/)
  })

  it('fails under --strict and lists the warning in --json-summary', async () => {
    const path = foreignRecords(3)
    const argv = ['normalize', '--strict', '--json-summary', '-s', 'smaily-log', '-o', '/dev/null']
    const run = await runInProcess([...argv, path])
    expect(run.code).toBe(1)
    const summary = JSON.parse(run.stderr) as { warnings: string[]; elapsedMs: number }
    expect(summary.warnings).toHaveLength(1)
    expect(summary.elapsedMs).toBeGreaterThanOrEqual(0)
  })

  it('does not warn when fewer than 90% are rejected', async () => {
    const run = await runInProcess([
      'normalize',
      '-s',
      'smaily-log',
      '-o',
      '/dev/null',
      join(fixtures, 'bad-records.ndjson'),
    ])
    expect(run.stderr).not.toContain('warning')
  })
})

describe('standard input from a terminal', () => {
  it.each(['normalize', 'load'])(
    '%s says it reads the terminal before it waits',
    async (command) => {
      const dir = mkdtempSync(join(tmpdir(), 'evnorm-ux-'))
      const argv =
        command === 'load' ? ['load', '--to', `duckdb:${join(dir, 'x.duckdb')}`] : ['normalize']
      const run = await runInProcess([...argv, '-q'], { stdinIsTTY: true })
      expect(run.stderr.startsWith(STDIN_HINT)).toBe(true)
      const piped = await runInProcess([...argv, '-q'])
      expect(piped.stderr).not.toContain(STDIN_HINT)
    },
  )
})

describe('evnorm help --help', () => {
  it('prints the help and exits 0', async () => {
    const run = await runInProcess(['help', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe((await runInProcess(['--help'])).stdout)
  })
})
