import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ProgressBar, renderProgress } from './progress-bar.js'

describe('renderProgress', () => {
  it('shows the share of bytes read as a bar, a percentage, megabytes, records, rate and ETA', () => {
    expect(
      renderProgress({
        name: 'big.ndjson',
        read: 54_000_000,
        total: 216_000_000,
        records: 250_000,
        elapsedMs: 2000,
      }),
    ).toBe(
      'big.ndjson [######------------------]  25%  54.0/216.0 MB  250,000 records  125,000 records/s  ETA 6.0 s',
    )
  })

  it('caps at 100% when more was read than the size said, with no ETA', () => {
    const line = renderProgress({ name: 'x', read: 12, total: 10, records: 1, elapsedMs: 5 })
    expect(line).toContain('[########################] 100%')
    expect(line).not.toContain('ETA')
  })

  it('shows no rate or ETA before anything was read', () => {
    expect(renderProgress({ name: 'x', read: 0, total: 10, records: 0, elapsedMs: 0 })).toBe(
      'x [------------------------]   0%  0.0/0.0 MB  0 records',
    )
  })
})

describe('ProgressBar', () => {
  it('redraws at most every 100 ms and erases its line at the end', () => {
    const writes: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        writes.push(chunk.toString())
        done()
      },
    })
    let now = 1000
    const bar = new ProgressBar(stream, () => now)
    const state = { name: 'f', read: 1, total: 4, records: 1 }
    bar.update(state)
    now += 50
    bar.update({ ...state, read: 2 })
    now += 60
    bar.update({ ...state, read: 3 })
    bar.clear()
    expect(writes).toEqual([
      `\r\x1b[2K${renderProgress({ ...state, elapsedMs: 0 })}`,
      `\r\x1b[2K${renderProgress({ ...state, read: 3, elapsedMs: 110 })}`,
      '\r\x1b[2K',
    ])
  })

  it('writes nothing when it never drew', () => {
    const writes: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        writes.push(chunk.toString())
        done()
      },
    })
    new ProgressBar(stream).clear()
    expect(writes).toEqual([])
  })
})
