import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { LineSink, SinkError } from './line-sink.js'

function slowWritable(received: string[]): Writable {
  return new Writable({
    highWaterMark: 8,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk.toString())
      setTimeout(done, 1)
    },
  })
}

describe('LineSink', () => {
  it('waits for drain when the stream is full and keeps the order', async () => {
    const received: string[] = []
    const stream = slowWritable(received)
    const sink = new LineSink(stream, 'slow', false)
    for (let index = 0; index < 20; index++) {
      await sink.write(`line ${index}\n`)
      expect(stream.writableLength).toBeLessThanOrEqual(stream.writableHighWaterMark)
    }
    await sink.close()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(received.join('')).toBe(
      Array.from({ length: 20 }, (_, index) => `line ${index}\n`).join(''),
    )
  })

  it('rejects with a SinkError naming the destination when the stream fails', async () => {
    const stream = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
      },
    })
    const sink = new LineSink(stream, '<stdout>', false)
    await expect(
      (async () => {
        for (let index = 0; index < 5; index++) await sink.write('x\n')
      })(),
    ).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof SinkError &&
        error.code === 'EPIPE' &&
        error.message === '<stdout>: cannot write: the reader closed the pipe',
    )
  })

  it('opens, writes and closes a file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'evnorm-sink-')), 'out.ndjson')
    const sink = await LineSink.open(path)
    await sink.write('{"a":1}\n')
    await sink.close()
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n')
  })

  it('fails to open a file in a missing directory with a one-line problem', async () => {
    await expect(LineSink.open('/nonexistent-dir/evnorm/out.ndjson')).rejects.toMatchObject({
      problem: 'no such file or directory',
      destination: '/nonexistent-dir/evnorm/out.ndjson',
    })
  })
})
