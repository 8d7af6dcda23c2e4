import { normalize, VendorErrorEnvelopeError } from '@evnorm/core'
import { createMemorySink } from '@evnorm/core/emulator'
import { PullAuthError } from '@evnorm/core/pull'
import { afterEach, describe, expect, it } from 'vitest'
import { smailyLogAdapter } from '../smaily-adapter.js'
import { type SmailyEmulator, startSmailyEmulator } from '../testing/index.js'
import { smailyRows, smailyRowsText } from '../testing/smaily-emulator-rows.test-helpers.js'
import { formatSmailyCheckpoint } from './smaily-checkpoint.js'
import { createSmailyClient, type SmailyClientOptions } from './smaily-client.js'
import { syncSmaily } from './smaily-sync.js'
import { syncSmailyWindow } from './smaily-window-sync.js'

const FAST = { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 400 }
let emulator: SmailyEmulator | undefined

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

function client(overrides: Partial<SmailyClientOptions> = {}) {
  if (emulator === undefined) throw new Error('no emulator')
  return createSmailyClient({
    baseUrl: emulator.url,
    username: 'emulator-user',
    password: 'emulator-password',
    requestsPerSecond: 1000,
    retry: FAST,
    ...overrides,
  })
}

function expectedIds(rows: ReturnType<typeof smailyRows>): string[] {
  const result = normalize(smailyLogAdapter, smailyRowsText(rows))
  if (!result.success) throw result.error
  return result.events.map((event) => event.id).sort()
}

describe('syncSmaily', () => {
  it('stores every row once over exactly full pages, seq_ids above 2^53 exact', async () => {
    const rows = smailyRows(90, { badEvery: 31 })
    emulator = await startSmailyEmulator({ rows })
    const sink = createMemorySink()
    const summary = await syncSmaily({ client: client(), sink, stream: 'smaily:acme', limit: 30 })
    expect([...sink.events.keys()].sort()).toEqual(expectedIds(rows))
    expect(sink.rejections.size).toBe(2)
    expect(summary).toMatchObject({ pages: 4, records: 90, requests: 4, held: 0 })
    expect(JSON.parse(sink.checkpoints.get('smaily:acme') ?? '{}').since_seq_id).toBe(
      String(rows[89]?.seq_id),
    )
    expect(emulator.requests.map((request) => request.path)[0]).toBe(
      '/api/history.php?since_seq_id=0&limit=30',
    )
  })

  it.each([
    ['a 429 burst', [{ kind: 'status', status: 429, retryAfterSeconds: 0, at: 2, times: 3 }]],
    ['500s', [{ kind: 'status', status: 500, at: 1, times: 2 }]],
    ['a slow answer', [{ kind: 'slow', delayMs: 1000, at: 3 }]],
    ['a connection reset', [{ kind: 'reset', at: 2 }]],
    ['a truncated body', [{ kind: 'truncate', at: 3, times: 2 }]],
  ] as const)('gets the same table through %s', async (_name, faults) => {
    const rows = smailyRows(100)
    emulator = await startSmailyEmulator({ rows, faults })
    const sink = createMemorySink()
    const summary = await syncSmaily({ client: client(), sink, stream: 'smaily:acme', limit: 25 })
    expect([...sink.events.keys()].sort()).toEqual(expectedIds(rows))
    expect(summary.retries).toBeGreaterThan(0)
  })

  it('throws a vendor error object (code 227) at once, without retrying', async () => {
    emulator = await startSmailyEmulator({
      rows: smailyRows(5),
      faults: [{ kind: 'vendor-error', code: 227, message: 'a paid plan is needed', at: 1 }],
    })
    const error = await syncSmaily({
      client: client(),
      sink: createMemorySink(),
      stream: 's',
    }).catch((caught: unknown) => caught)
    expect(VendorErrorEnvelopeError.isInstance(error) && error.code).toBe('227')
    expect(emulator.requests).toHaveLength(1)
  })

  it('refuses wrong credentials at once, naming no secret', async () => {
    emulator = await startSmailyEmulator({ rows: smailyRows(5) })
    const error = await syncSmaily({
      client: client({ password: 'hunter2-secret' }),
      sink: createMemorySink(),
      stream: 's',
    }).catch((caught: unknown) => caught)
    expect(PullAuthError.isInstance(error)).toBe(true)
    expect(String((error as Error).message)).not.toContain('hunter2')
    expect(emulator.requests).toHaveLength(1)
  })

  it('gives up after the configured attempts', async () => {
    emulator = await startSmailyEmulator({
      rows: smailyRows(5),
      faults: [{ kind: 'status', status: 503, at: 1, times: 10 }],
    })
    await expect(
      syncSmaily({
        client: client({ retry: { ...FAST, attempts: 3 } }),
        sink: createMemorySink(),
        stream: 's',
      }),
    ).rejects.toThrow(/failed after 3 attempts: HTTP 503/)
    expect(emulator.requests).toHaveLength(3)
  })

  it('reads rows appended while it runs, and the rest on the next sync', async () => {
    const rows = smailyRows(60)
    emulator = await startSmailyEmulator({
      rows: rows.slice(0, 40),
      faults: [{ kind: 'append', rows: rows.slice(40, 50), at: 2 }],
    })
    const sink = createMemorySink()
    await syncSmaily({ client: client(), sink, stream: 's', limit: 20 })
    expect(sink.events.size).toBe(50)
    emulator.append(rows.slice(50))
    await syncSmaily({ client: client(), sink, stream: 's', limit: 20 })
    expect([...sink.events.keys()].sort()).toEqual(expectedIds(rows))
  })

  it('never starts more requests a second than configured', async () => {
    emulator = await startSmailyEmulator({ rows: smailyRows(40) })
    await syncSmaily({
      client: client({ requestsPerSecond: 10 }),
      sink: createMemorySink(),
      stream: 's',
      limit: 2,
    })
    const times = emulator.requests.map((request) => request.at)
    expect(times.length).toBe(21)
    for (let i = 10; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 10] ?? 0)).toBeGreaterThanOrEqual(1000)
    }
  })

  it('resumes after a stop from the stored checkpoint, with nothing lost or doubled', async () => {
    const rows = smailyRows(80)
    emulator = await startSmailyEmulator({ rows })
    const sink = createMemorySink()
    const stop = new AbortController()
    const first = await syncSmaily({
      client: client(),
      sink,
      stream: 's',
      limit: 10,
      signal: stop.signal,
      onPage: (report) => report.page === 3 && stop.abort(),
    })
    expect(first.pages).toBe(3)
    expect(sink.events.size).toBe(30)
    const second = await syncSmaily({ client: client(), sink, stream: 's', limit: 10 })
    expect(second.inserted).toBe(50)
    expect([...sink.events.keys()].sort()).toEqual(expectedIds(rows))
  })

  it('warns when the checkpoint is older than the 30-day retention', async () => {
    emulator = await startSmailyEmulator({ rows: smailyRows(3) })
    const sink = createMemorySink()
    await sink.write({
      events: [],
      rejections: [],
      origin: 's',
      checkpoint: {
        stream: 's',
        cursor: formatSmailyCheckpoint({
          sinceSeqId: '0',
          coveredUntil: '2025-01-01T00:00:00.000Z',
        }),
      },
    })
    const summary = await syncSmaily({
      client: client(),
      sink,
      stream: 's',
      now: () => new Date('2025-03-01T00:00:00Z'),
    })
    expect(summary.warnings).toEqual([expect.stringMatching(/59 days ago; Smaily keeps 30 days/)])
  })
})

describe('syncSmailyWindow', () => {
  it('reads offset pages of a window: content ids, no seq_id, resumable', async () => {
    const rows = smailyRows(25)
    emulator = await startSmailyEmulator({ rows, windowPageSize: 10 })
    const sink = createMemorySink()
    const window = { startAt: Date.UTC(2025, 4, 10) / 1000, endAt: Date.UTC(2025, 4, 11) / 1000 }
    const summary = await syncSmailyWindow({
      client: client(),
      sink,
      stream: 'w',
      window,
      pageSize: 10,
    })
    expect(summary).toMatchObject({ pages: 3, records: 25, events: 25 })
    const again = await syncSmailyWindow({
      client: client(),
      sink,
      stream: 'w',
      window,
      pageSize: 10,
    })
    expect(again.pages).toBe(0)
    expect([...sink.events.values()].every((event) => event.source.idBasis === 'content')).toBe(
      true,
    )
    expect(emulator.requests[0]?.path).toBe(
      `/api/history.php?start_at=${window.startAt}&end_at=${window.endAt}&offset=0`,
    )
  })
})
