import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, buildBinIfStale } from './cli.test-helpers.js'
import { queryDuckDb } from './load-command.test-helpers.js'

const ROWS = 300_000
const BAD = 40

let directory: string
let input: string

beforeAll(() => {
  buildBinIfStale()
  directory = mkdtempSync(join(tmpdir(), 'evnorm-kill-'))
  input = join(directory, 'rows.ndjson')
  let text = ''
  for (let index = 0; index < ROWS; index += 1) {
    const time = index % (ROWS / BAD) === 0 ? 'never' : '2025-05-01 12:00:00'
    text += `{"seq_id":${9007199254740993n + BigInt(index)},"email":"u${index % 50}@example.ee","time":"${time}","campaign_id":7,"action":"open","value":""}\n`
  }
  writeFileSync(input, text)
})

afterAll(() => {
  rmSync(directory, { recursive: true, force: true })
})

/** Runs `evnorm load` into `database`; with `killAfter`, SIGKILLs it that many ms after start. */
function load(database: string, killAfter?: number): Promise<number | null> {
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'load', '-q', '-s', 'smaily-log', '--to', `duckdb:${database}`, input],
    { stdio: 'ignore' },
  )
  const timer =
    killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter)
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

describe('evnorm load killed with SIGKILL', () => {
  it.each([300, 2000, 4000])(
    'and run again after %i ms holds every event and rejection exactly once',
    async (killAfter) => {
      const database = join(directory, `kill-${killAfter}.duckdb`)
      await load(database, killAfter)
      expect(await load(database)).toBe(0)
      expect(
        await queryDuckDb(
          database,
          'SELECT count(*), count(DISTINCT id), (SELECT count(*) FROM evnorm_rejections) FROM evnorm_events',
        ),
      ).toEqual([[BigInt(ROWS - BAD), BigInt(ROWS - BAD), BigInt(BAD)]])
    },
  )
})
