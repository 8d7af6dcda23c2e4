import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import { openPostgresSink } from '../src/index.js'
import { smailyUnit } from '../src/smaily-events.test-helpers.js'

const EVENTS = Number(process.env.BENCH_RECORDS ?? 200_000)
const UNIT_SIZE = Number(process.env.BENCH_UNIT ?? 50_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const TARGET_RATIO = 2.5

/** Milliseconds `run` takes. */
async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now()
  await run()
  return performance.now() - started
}

async function main(): Promise<void> {
  const url = process.env.EVNORM_PG_URL
  if (!url) throw new Error('set EVNORM_PG_URL (scripts/services.sh up postgres prints it)')
  const { events, origin } = smailyUnit(EVENTS)
  const units = Array.from({ length: Math.ceil(events.length / UNIT_SIZE) }, (_, index) => ({
    events: events.slice(index * UNIT_SIZE, (index + 1) * UNIT_SIZE),
    rejections: [],
    origin,
    checkpoint: { stream: 'bench', cursor: String((index + 1) * UNIT_SIZE) },
  }))
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const directory = await mkdtemp(join(tmpdir(), 'evnorm-postgres-bench-'))
  const csv = join(directory, 'events.csv')
  const schema = `evnorm_bench_${process.pid}`
  const fresh = async () => {
    await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`)
  }
  const load = async () => {
    const sink = await openPostgresSink({ url, schema })
    for (const unit of units) await sink.write(unit)
    await sink.close()
  }
  const copyCsv = async () => {
    await pipeline(
      createReadStream(csv),
      admin.query(copyStreams.from(`copy ${schema}.floor from stdin (format csv)`)),
    )
  }
  try {
    await fresh()
    await load()
    await pipeline(
      admin.query(copyStreams.to(`copy ${schema}.evnorm_events to stdout (format csv)`)),
      createWriteStream(csv),
    )
    const megabytes = (await stat(csv)).size / 1e6
    const sinkTimes: number[] = []
    const copyTimes: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      await fresh()
      sinkTimes.push(await timed(load))
      await admin.query(
        `create table ${schema}.floor (like ${schema}.evnorm_events including all); checkpoint`,
      )
      copyTimes.push(await timed(copyCsv))
    }
    const sink = Math.min(...sinkTimes)
    const copy = Math.min(...copyTimes)
    const line = (name: string, millis: number) =>
      `${name.padEnd(44)} ${(millis / 1000).toFixed(2).padStart(6)} s ${Math.round(
        (EVENTS / millis) * 1000,
      )
        .toLocaleString('en')
        .padStart(10)} rows/s`
    console.log(
      `PostgreSQL load: ${EVENTS.toLocaleString('en')} Smaily events, units of ${UNIT_SIZE.toLocaleString('en')}, best of ${ROUNDS} (CSV ${megabytes.toFixed(0)} MB)`,
    )
    console.log(line('openPostgresSink().write, one unit at a time', sink))
    console.log(line('COPY of the same rows from a CSV file (floor)', copy))
    console.log(
      `ratio ${(sink / copy).toFixed(2)}x the COPY time (target <= ${TARGET_RATIO}x); rounds: sink ${sinkTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} s, COPY ${copyTimes.map((t) => (t / 1000).toFixed(2)).join(', ')} s`,
    )
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`)
    await admin.end()
    await rm(directory, { recursive: true, force: true })
  }
}

await main()
