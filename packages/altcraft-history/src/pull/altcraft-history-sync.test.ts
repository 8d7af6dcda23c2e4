import { normalize, VendorErrorEnvelopeError } from '@evnorm/core'
import { createMemorySink } from '@evnorm/core/emulator'
import { PullAuthError } from '@evnorm/core/pull'
import { afterEach, describe, expect, it } from 'vitest'
import { altcraftHistoryAdapter } from '../altcraft-history-adapter.js'
import { altcraftRecords } from '../testing/altcraft-emulator-records.test-helpers.js'
import {
  type AltcraftEmulator,
  type AltcraftEmulatorOptions,
  startAltcraftEmulator,
} from '../testing/index.js'
import { type AltcraftClientOptions, createAltcraftClient } from './altcraft-client.js'
import { type AltcraftSyncOptions, syncAltcraftHistory } from './altcraft-history-sync.js'

const FAST = { baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 400 }
const DAYS = 3
let emulator: AltcraftEmulator | undefined

afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: AltcraftEmulatorOptions) {
  emulator = await startAltcraftEmulator(options)
  return emulator
}

function sync(
  overrides: Partial<AltcraftSyncOptions> & { clientOptions?: Partial<AltcraftClientOptions> } = {},
) {
  const { clientOptions, ...rest } = overrides
  if (emulator === undefined) throw new Error('no emulator')
  const client = createAltcraftClient({
    baseUrl: emulator.url,
    token: 'emulator-token',
    requestsPerSecond: 1000,
    retry: FAST,
    ...clientOptions,
  })
  return syncAltcraftHistory({
    client,
    sink: createMemorySink(),
    stream: 'altcraft-history:list-1',
    listId: 1,
    limit: 7,
    since: new Date(Date.now() - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10),
    ...rest,
  })
}

function expectedIds(records: readonly unknown[]): string[] {
  const result = normalize(altcraftHistoryAdapter, { data: records, error: 0 })
  if (!result.success) throw result.error
  return result.events.map((event) => event.id).sort()
}

describe('syncAltcraftHistory', () => {
  it('walks day windows, pages by from_id and stores every record once', async () => {
    const records = altcraftRecords(60, { days: DAYS, badEvery: 29 })
    await start({ records })
    const sink = createMemorySink()
    const summary = await sync({ sink })
    expect([...sink.events.keys()].sort()).toEqual(expectedIds(records))
    expect(sink.rejections.size).toBe(2)
    expect(summary.requests).toBe(summary.pages)
    const today = new Date().toISOString().slice(0, 10)
    expect(JSON.parse(sink.checkpoints.get('altcraft-history:list-1') ?? '{}')).toEqual({
      date: today,
      from_id: null,
    })
    expect(emulator?.requests.every((request) => !request.path.includes('token'))).toBe(true)
  })

  it('gets the same table through 429s, 500s, a slow answer, a reset and a cut-off body', async () => {
    const records = altcraftRecords(50, { days: DAYS })
    await start({
      records,
      faults: [
        { kind: 'status', status: 429, at: 2, times: 2 },
        { kind: 'status', status: 500, at: 6 },
        { kind: 'slow', delayMs: 1000, at: 8 },
        { kind: 'reset', at: 10 },
        { kind: 'truncate', at: 12 },
      ],
    })
    const sink = createMemorySink()
    const summary = await sync({ sink })
    expect([...sink.events.keys()].sort()).toEqual(expectedIds(records))
    expect(summary.retries).toBe(6)
  })

  it('reads the next from_id from the answer when a field carries it', async () => {
    const records = altcraftRecords(40, { days: DAYS })
    await start({ records, nextCursorField: 'next_from_id' })
    const sink = createMemorySink()
    const summary = await sync({ sink })
    expect([...sink.events.keys()].sort()).toEqual(expectedIds(records))
    expect(summary.records).toBe(40)
  })

  it('stops on a cursor that does not move instead of looping', async () => {
    await start({ records: altcraftRecords(30, { days: 1 }) })
    const summary = await sync({
      since: new Date().toISOString().slice(0, 10),
      overlapDays: 0,
      nextCursor: () => '0000000000000000.20000101',
    })
    expect(summary.pages).toBe(2)
    expect(summary.warnings).toEqual([expect.stringContaining('did not move from_id')])
  })

  it('throws error envelopes at once: 402 as a vendor error, 401 as refused credentials', async () => {
    await start({
      records: altcraftRecords(5),
      faults: [{ kind: 'vendor-error', error: 402, errorText: 'Tariff limit reached', at: 1 }],
    })
    const tariff = await sync().catch((error: unknown) => error)
    expect(VendorErrorEnvelopeError.isInstance(tariff) && tariff.code).toBe('402')
    const refused = await sync({ clientOptions: { token: 'wrong-secret-token' } }).catch(
      (error: unknown) => error,
    )
    expect(PullAuthError.isInstance(refused)).toBe(true)
    expect(String(refused)).not.toContain('wrong-secret-token')
    expect(emulator?.requests).toHaveLength(2)
  })

  it('resumes a stopped sync from its checkpoint, rows appended meanwhile included', async () => {
    const records = altcraftRecords(50, { days: DAYS })
    const logged = altcraftRecords(20, { days: 1 }).map((record, index) => ({
      ...record,
      event_id: `77ab${index.toString(16).padStart(20, '0')}`,
    }))
    await start({ records })
    const sink = createMemorySink()
    const stop = new AbortController()
    await sync({ sink, signal: stop.signal, onPage: (report) => report.page === 3 && stop.abort() })
    expect(sink.events.size).toBeLessThan(50)
    emulator?.append(logged)
    await sync({ sink })
    expect([...sink.events.keys()].sort()).toEqual(expectedIds([...records, ...logged]))
  })

  it('reads one profile with history_get', async () => {
    const records = altcraftRecords(20)
    await start({ records })
    const client = createAltcraftClient({ baseUrl: emulator?.url ?? '', token: 'emulator-token' })
    const page = await client.readProfileHistory({ listId: 1, xxh: '0000000000000003' })
    expect(page.records).toEqual(records.filter((record) => record.xxh === '0000000000000003'))
    const byEmail = await client.readProfileHistory({
      listId: 1,
      matching: 'email',
      fields: { email: 'user3@example.org' },
    })
    expect(byEmail.records).toHaveLength(page.records.length)
  })
})
