import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DETECTION_HEAD_BYTES } from './detect-source.js'
import { MAX_HEAD_BYTES, type OpenedInput, openInput } from './open-input.js'

const noStdin = () => Readable.from([])

async function readAll(input: OpenedInput): Promise<string> {
  const chunks: Uint8Array[] = []
  for await (const chunk of input.chunks) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

async function open(name: string, content: string | Uint8Array): Promise<OpenedInput> {
  const path = join(mkdtempSync(join(tmpdir(), 'evnorm-open-')), name)
  writeFileSync(path, content)
  const opened = await openInput({ name, path }, noStdin())
  if (!opened.success) throw new Error(opened.problem)
  return opened.input
}

describe('openInput', () => {
  it('replays the whole content after reading a head of at least 64 KB that ends a line', async () => {
    const line = `${JSON.stringify({ action: 'send', time: '2025-01-01 00:00:00', pad: 'x'.repeat(90) })}\n`
    const text = line.repeat(3000)
    const input = await open('rows.ndjson', text)
    expect(input.head.length).toBeGreaterThanOrEqual(DETECTION_HEAD_BYTES)
    expect(input.head.length).toBeLessThan(text.length)
    expect(text.startsWith(input.head)).toBe(true)
    expect(input.head).toContain('\n')
    expect(input.size).toBe(text.length)
    expect(await readAll(input)).toBe(text)
    expect(input.bytesRead()).toBe(text.length)
  })

  it('reads past 64 KB to the end of a long first line, up to 1 MiB', async () => {
    const long = `{"action":"send","time":"t","pad":"${'y'.repeat(200_000)}"}\n{"action":"send"}\n`
    expect((await open('long.ndjson', long)).head).toContain('}\n')
    const huge = `{"pad":"${'z'.repeat(MAX_HEAD_BYTES + 300_000)}"}\n`
    const input = await open('huge.json', huge)
    expect(input.head.length).toBeGreaterThanOrEqual(MAX_HEAD_BYTES)
    expect(input.head.length).toBeLessThan(huge.length)
    expect(await readAll(input)).toBe(huge)
  })

  it('decompresses gzip recognised by name or by magic bytes, on files and on stdin', async () => {
    const text = '[{"action":"send","time":"2025-01-01 00:00:00"}]'
    const packed = gzipSync(text)
    for (const name of ['page.json.gz', 'page-without-extension']) {
      const input = await open(name, packed)
      expect(input.head).toBe(text)
      expect(await readAll(input)).toBe(text)
      expect(input.bytesRead()).toBe(packed.length)
    }
    const stdin = new PassThrough()
    stdin.end(packed)
    const opened = await openInput({ name: '<stdin>' }, stdin)
    expect(opened.success && opened.input.head).toBe(text)
  })

  it('reports corrupt gzip data found while reading the head as a one-line problem', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'evnorm-open-')), 'page.json.gz')
    writeFileSync(path, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]))
    expect(await openInput({ name: 'page.json.gz', path }, noStdin())).toEqual({
      success: false,
      problem: 'gzip: not valid gzip data (invalid block type)',
    })
  })

  it('refuses a missing file and a directory with one-line problems', async () => {
    expect(
      await openInput({ name: 'missing.json', path: '/nonexistent/missing.json' }, noStdin()),
    ).toEqual({
      success: false,
      problem: 'no such file or directory',
    })
    expect(await openInput({ name: 'tmp', path: tmpdir() }, noStdin())).toEqual({
      success: false,
      problem: 'is a directory',
    })
  })

  it('reads an empty input as an empty head', async () => {
    const input = await open('empty.ndjson', '')
    expect(input.head).toBe('')
    expect(await readAll(input)).toBe('')
  })
})
