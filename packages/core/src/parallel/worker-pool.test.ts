import { describe, expect, it } from 'vitest'
import { spanningAdapter } from '../__fixtures__/spanning-adapter.js'
import { normalizeStream } from '../normalize/normalize-stream.js'
import { encodeBatch } from './encoded-batch.js'
import type { JobSetup } from './parallel-protocol.js'
import { WorkerPool } from './worker-pool.js'

const setup: JobSetup = {
  adapter: { module: 'unused: runs on the calling thread', export: 'spanningAdapter' },
  options: { validate: false },
  maxTextLength: 1 << 20,
}

const record = (id: number, step: string) =>
  JSON.stringify({ id: `r${id}`, verb: 'sent', at: '2025-01-01T00:00:00Z', step })
const pieces = [
  [record(0, 'alone'), record(1, 'open'), record(2, 'join')],
  [record(3, 'join'), record(4, 'alone'), record(5, 'open')],
  [record(6, 'join'), record(7, 'alone')],
]
const texts = pieces.map((lines) => `${lines.join('\n')}\n`)
const UTF8 = new TextDecoder()

describe('WorkerPool without worker threads', () => {
  it('runs every job on the calling thread and continues the evidence spans it keeps', async () => {
    const pool = new WorkerPool(0)
    const job = (at: number, firstIndex: number, continues?: number) => ({
      setup,
      input: { kind: 'lines' as const, text: texts[at] as string, firstLine: 1 + firstIndex },
      firstIndex,
      final: at === texts.length - 1,
      ...(continues === undefined ? {} : { continues }),
    })
    const first = await pool.run(job(0, 0), spanningAdapter)
    const speculative = await pool.run(job(1, 3), spanningAdapter)
    expect([first.kept, speculative.kept]).toEqual([true, true])
    pool.drop(speculative.id)
    expect(() => pool.run(job(2, 6, speculative.id), spanningAdapter)).toThrow(/no kept run/)
    const second = await pool.run(job(1, 3, first.id), spanningAdapter)
    const third = await pool.run(job(2, 6, second.id), spanningAdapter)
    expect(third.kept).toBe(false)

    let expected = ''
    for await (const item of normalizeStream(spanningAdapter, [texts.join('')], setup.options)) {
      if (!item.success) throw item.error
      expected += UTF8.decode(encodeBatch(item, spanningAdapter.feed).events)
    }
    const got = [first, second, third].map((result) => UTF8.decode(result.batch.events)).join('')
    expect(got.split('\n')).toHaveLength(9)
    expect(got).toBe(expected)
    await pool.close()
  })
})
