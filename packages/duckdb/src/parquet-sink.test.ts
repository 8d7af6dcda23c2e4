import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { SinkError } from '@evnorm/core/sink'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openParquetSink } from './parquet-sink.js'
import { hookEvents, smailyBatch } from './sink.test-helpers.js'

let directory: string

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'evnorm-parquet-'))
})

afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

async function query(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowsJS()
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

/** Microseconds since the epoch of a canonical instant (its nanoseconds truncated). */
function microseconds(instant: string): bigint {
  return BigInt(Date.parse(instant)) * 1000n + BigInt(instant.slice(23, 26))
}

describe('openParquetSink', () => {
  it('writes one file per day of occurred_at and one rejections file, each event once', async () => {
    const { events, rejections } = smailyBatch(3000, 4)
    const sink = await openParquetSink({ directory })
    await sink.write({ events: events.slice(0, 2000), rejections, origin: 'a' })
    await sink.write({ events, rejections, origin: 'a' })
    await sink.close()
    const days = (await readdir(join(directory, 'evnorm_events'))).sort()
    expect(days).toEqual([
      'occurred_date=2025-04-30',
      'occurred_date=2025-05-01',
      'occurred_date=2025-05-02',
    ])
    const files = await readdir(join(directory, 'evnorm_events', days[0] as string))
    expect(files).toEqual([expect.stringMatching(/^evnorm-.*\.parquet$/)])
    const glob = join(directory, 'evnorm_events', '*', '*.parquet')
    expect(
      await query(
        `SELECT count(*), count(DISTINCT id), CAST(min(occurred_date) AS VARCHAR) FROM read_parquet('${glob}', hive_partitioning = true)`,
      ),
    ).toEqual([[BigInt(events.length), BigInt(events.length), '2025-04-30']])
    expect(
      await query(`SELECT count(*) FROM '${join(directory, 'evnorm_rejections', '*.parquet')}'`),
    ).toEqual([[BigInt(rejections.length)]])
    expect((await readdir(directory)).filter((name) => name.startsWith('.'))).toEqual([])
  })

  it('keeps the exact instant as text beside a microsecond timestamp', async () => {
    const events = hookEvents()
    const sink = await openParquetSink({ directory })
    await sink.write({ events, rejections: [], origin: 'hooks' })
    await sink.close()
    const glob = join(directory, 'evnorm_events', '*', '*.parquet')
    const rows = await query(
      `SELECT id, occurred_at_ns, epoch_us(occurred_at) FROM read_parquet('${glob}') ORDER BY occurred_at_ns, id LIMIT 1`,
    )
    const first = [...events].sort((a, b) =>
      (a.occurredAt + a.id).localeCompare(b.occurredAt + b.id),
    )[0]
    expect(rows).toEqual([[first?.id, first?.occurredAt, microseconds(first?.occurredAt ?? '')]])
  })

  it('refuses checkpoints with a clear error', async () => {
    const sink = await openParquetSink({ directory })
    const error = await sink
      .write({ events: [], rejections: [], origin: 's', checkpoint: { stream: 's', cursor: '1' } })
      .catch((caught: unknown) => caught)
    expect(SinkError.isInstance(error)).toBe(true)
    expect((error as SinkError).message).toMatch(/^parquet:.*: Parquet targets keep no checkpoints/)
    await sink.close()
  })

  it('writes nothing for a run without events or rejections', async () => {
    const sink = await openParquetSink({ directory })
    await sink.close()
    expect(await readdir(directory)).toEqual([])
  })
})
