import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SinkError } from '@evnorm/core/sink'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDuckDbSink } from './duckdb-sink.js'
import { openParquetSink } from './parquet-sink.js'
import { smailyBatch } from './sink.test-helpers.js'

const isRoot = process.getuid?.() === 0
if (!isRoot && process.env.CI) throw new Error('the full-disk test mounts a tmpfs: run CI as root')
if (!isRoot) console.warn('skipping the full-disk test: it mounts a small tmpfs and needs root')

describe.runIf(isRoot)('DuckDB and Parquet targets on a full disk', () => {
  let mountPoint: string

  beforeAll(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'evnorm-full-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint])
  })

  afterAll(async () => {
    execFileSync('umount', [mountPoint])
    await rm(mountPoint, { recursive: true, force: true })
  })

  it('fails the unit with an error naming the file, keeps what was committed and the checkpoint', async () => {
    const path = join(mountPoint, 'evnorm.duckdb')
    const small = smailyBatch(50, 0)
    const sink = await openDuckDbSink({ path })
    await sink.write({
      events: small.events,
      rejections: [],
      origin: 'p1',
      checkpoint: { stream: 's', cursor: '50' },
    })
    const big = smailyBatch(20_000, 0)
    const error = await sink
      .write({
        events: big.events,
        rejections: [],
        origin: 'p2',
        checkpoint: { stream: 's', cursor: 'x' },
      })
      .catch((caught: unknown) => caught)
    await sink.close()
    expect(SinkError.isInstance(error)).toBe(true)
    expect((error as SinkError).message).toMatch(
      /^duckdb:.*evnorm\.duckdb: cannot store the unit: .*(space|disk)/i,
    )
    const reopened = await openDuckDbSink({ path }).catch((caught: unknown) => caught)
    if (SinkError.isInstance(reopened)) throw reopened
    const sinkAgain = reopened as Awaited<ReturnType<typeof openDuckDbSink>>
    const counted = await sinkAgain.connection.runAndReadAll('SELECT count(*) FROM evnorm_events')
    expect(counted.getRowsJS()).toEqual([[50n]])
    expect(await sinkAgain.readCheckpoint('s')).toBe('50')
    await sinkAgain.close()
    await rm(path)
    await rm(`${path}.wal`, { force: true })
  })

  it('fails a Parquet run with an error naming the directory, and leaves no file behind', async () => {
    const directory = join(mountPoint, 'lake')
    await writeFile(join(mountPoint, 'filler'), Buffer.alloc(2_900_000))
    const sink = await openParquetSink({ directory })
    await sink.write({ events: smailyBatch(20_000, 0).events, rejections: [], origin: 'big' })
    const error = await sink.close().catch((caught: unknown) => caught)
    expect(SinkError.isInstance(error)).toBe(true)
    expect((error as SinkError).message).toMatch(
      /^parquet:.*lake: cannot write the Parquet files: /,
    )
    expect(await readdir(directory)).toEqual([])
    await rm(join(mountPoint, 'filler'))
  })
})
