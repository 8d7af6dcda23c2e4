import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hookBatch, MemorySink, waitFor } from '../intake.test-helpers.js'
import { startHookServer } from './hook-server.js'

const isRoot = process.getuid?.() === 0
let mountPoint: string

const post = (url: string, body: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

describe.skipIf(!isRoot)('a spool on a full disk (a 2 MiB tmpfs; needs root to mount)', () => {
  beforeAll(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'evnorm-full-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint])
  })

  afterAll(() => {
    execFileSync('umount', [mountPoint])
    rmSync(mountPoint, { recursive: true, force: true })
  })

  it('answers 503, never 200, for what does not fit, and loads every batch it answered 200', async () => {
    const sink = new MemorySink()
    sink.hold()
    const server = await startHookServer({
      adapter: altcraftHooksAdapter,
      sink,
      spool: join(mountPoint, 'spool'),
      port: 0,
    })
    const accepted: number[] = []
    const statuses: number[] = []
    await Promise.all(
      Array.from({ length: 4 }, async (_, sender) => {
        for (let round = 0; round < 10; round += 1) {
          const batch = sender * 100 + round
          const response = await post(server.url, hookBatch(batch, 500))
          const text = await response.text()
          statuses.push(response.status)
          if (response.status === 200) accepted.push(batch)
          else expect(text).not.toMatch(/ok/i)
        }
      }),
    )
    sink.release()
    try {
      expect(new Set(statuses)).toEqual(new Set([200, 503]))
      await waitFor(() => sink.events.size === accepted.length * 500, 20_000, 'accepted batches')
    } finally {
      await server.stop()
    }
    const loaded = new Set([...sink.events.values()].map((event) => event.message?.sendId))
    for (const batch of accepted) expect(loaded.has(`m-${batch}-0`)).toBe(true)
    expect(new Set(sink.written).size).toBe(sink.written.length)
  })
})

if (!isRoot) console.warn('skipping the full-disk drill: mounting a tmpfs needs root')
