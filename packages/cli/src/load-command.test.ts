import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exampleEventCount, EXAMPLES as examples, runInProcess } from './cli.test-helpers.js'
import { queryDuckDb } from './load-command.test-helpers.js'

let directory: string
let database: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'evnorm-load-'))
  database = join(directory, 'warehouse.duckdb')
})

afterEach(() => {
  rmSync(directory, { recursive: true, force: true })
})

/** Smaily rows as NDJSON, one a minute, the first `bad` with a time that is not one. */
function smailyRows(count: number, bad: number): string {
  let text = ''
  for (let index = 0; index < count; index += 1) {
    const time = index < bad ? 'never' : new Date(Date.UTC(2025, 4, 1) + index * 60_000)
    const local =
      typeof time === 'string' ? time : time.toISOString().slice(0, 19).replace('T', ' ')
    text += `{"seq_id":${9007199254740993n + BigInt(index)},"email":"u${index % 50}@example.ee","time":"${local}","campaign_id":7,"action":"send","value":""}\n`
  }
  return text
}

describe('evnorm load', () => {
  it('loads the examples, and loading them again stores nothing twice', async () => {
    const events = await exampleEventCount()
    const first = await runInProcess(['load', '--to', `duckdb:${database}`, examples])
    expect(first.code).toBe(0)
    expect(first.stderr).toContain(
      `loaded into duckdb:${database}: ${events} events inserted, 0 already present, 0 rejections stored`,
    )
    const again = await runInProcess(['load', '-q', '--to', `duckdb:${database}`, examples])
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' })
    expect(
      await queryDuckDb(database, 'SELECT count(*), count(DISTINCT id) FROM evnorm_events'),
    ).toEqual([[BigInt(events), BigInt(events)]])
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    expect(readme, 'the summary the README shows').toContain(
      `loaded into duckdb:evnorm.duckdb: ${events} events inserted, 0 already present, 0 rejections stored`,
    )
  })

  it('stores rejections once, says so in the JSON summary, and exits 1 under --strict', async () => {
    const input = join(directory, 'rows.ndjson')
    writeFileSync(input, smailyRows(30, 3))
    const args = [
      'load',
      '--strict',
      '--json-summary',
      '-s',
      'smaily-log',
      '-t',
      `duckdb:${database}`,
    ]
    const first = await runInProcess([...args, input])
    expect(first.code).toBe(1)
    expect(JSON.parse(first.stderr)).toMatchObject({
      records: 30,
      rejected: 3,
      load: { target: `duckdb:${database}`, inserted: 27, present: 0, rejectionsStored: 3 },
    })
    const second = await runInProcess([...args, input])
    expect(JSON.parse(second.stderr).load).toEqual({
      target: `duckdb:${database}`,
      inserted: 0,
      present: 27,
      rejectionsStored: 0,
    })
    expect(
      await queryDuckDb(
        database,
        `SELECT reason, origin, locator FROM evnorm_rejections ORDER BY "index"`,
      ),
    ).toEqual([
      ['invalid_time', input, 'line 1'],
      ['invalid_time', input, 'line 2'],
      ['invalid_time', input, 'line 3'],
    ])
  })

  it('reads standard input and writes Parquet files per day', async () => {
    const run = await runInProcess(
      ['load', '-q', '-s', 'smaily-log', '--to', `parquet:${directory}/lake`, '-'],
      {
        stdin: smailyRows(100, 0),
      },
    )
    expect(run.code).toBe(0)
    expect(readdirSync(join(directory, 'lake', 'evnorm_events'))).toEqual([
      'occurred_date=2025-04-30',
    ])
  })

  it.each([
    [['--to', 'mysql://x'], "evnorm: unknown --to 'mysql://x': use duckdb:PATH"],
    [['--to', 'duckdb:'], 'evnorm: --to duckdb: needs a file path'],
    [
      ['--to', 'parquet:out', '--on-conflict', 'update'],
      'evnorm: --on-conflict update needs a database target',
    ],
    [
      ['--on-conflict', 'replace'],
      "evnorm: unknown --on-conflict 'replace': use nothing or update",
    ],
  ])('refuses %j with exit 2', async (options, message) => {
    const run = await runInProcess(['load', ...options, examples])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
  })

  it('names the target it cannot open, with exit 2 and nothing loaded', async () => {
    writeFileSync(join(directory, 'file'), '')
    const target = `duckdb:${join(directory, 'file', 'x.duckdb')}`
    const run = await runInProcess(['load', '--to', target, examples])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(new RegExp(`^evnorm: ${target}: cannot open the database: `))
  })

  it('stops at an unreadable input with exit 2, keeping the units stored before it', async () => {
    const good = join(directory, 'a.ndjson')
    const bad = join(directory, 'b.json')
    writeFileSync(good, smailyRows(10, 0))
    writeFileSync(bad, '[{"seq_id":1,')
    const run = await runInProcess([
      'load',
      '-s',
      'smaily-log',
      '-t',
      `duckdb:${database}`,
      good,
      bad,
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`evnorm: ${bad}: `)
    expect(await queryDuckDb(database, 'SELECT count(*) FROM evnorm_events')).toEqual([[10n]])
  })

  it('stores the same rows with one worker and with three, repeated hook messages included', async () => {
    const example = JSON.stringify({
      event_type: 'open',
      event_date: '2025-06-01T12:00:00Z',
      email: 'ann@example.org',
      event_data: { campaign_id: 9 },
    })
    let text = ''
    for (let index = 0; index < 6000; index += 1) {
      const message = example.replace('12:00:00', `12:${String(index % 60).padStart(2, '0')}:00`)
      text += `${index % 7 === 0 ? '{"broken"' : message}\n`
    }
    const input = join(directory, 'hooks.ndjson')
    writeFileSync(input, text.repeat(3))
    const summaries: unknown[] = []
    for (const workers of ['1', '3']) {
      const target = join(directory, `w${workers}.duckdb`)
      const args = ['load', '--json-summary', '-s', 'altcraft-hooks', '-w', workers]
      const run = await runInProcess([...args, '-t', `duckdb:${target}`, input])
      expect(run.code).toBe(0)
      const summary = JSON.parse(run.stderr) as { load: object; elapsedMs?: number }
      summaries.push({ ...summary, elapsedMs: 0, load: { ...summary.load, target: '' } })
    }
    expect(summaries[1]).toEqual(summaries[0])
    expect(summaries[0]).toMatchObject({ load: { inserted: 60, present: 15_366 } })
    const rows = (name: string) =>
      queryDuckDb(
        join(directory, name),
        "SELECT count(*), md5(string_agg(event::VARCHAR, '|' ORDER BY id)), (SELECT count(*) FROM evnorm_rejections) FROM evnorm_events",
      )
    expect(await rows('w3.duckdb')).toEqual(await rows('w1.duckdb'))
  })

  it('writes the default target, evnorm.duckdb in the working directory', async () => {
    const cwd = process.cwd()
    process.chdir(directory)
    try {
      expect((await runInProcess(['load', '-q', examples])).code).toBe(0)
    } finally {
      process.chdir(cwd)
    }
    expect(existsSync(join(directory, 'evnorm.duckdb'))).toBe(true)
  })
})
