import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { altcraftHistoryAdapter } from '@evnorm/altcraft-history'
import {
  type AltcraftEmulatorRecord,
  startAltcraftEmulator,
} from '@evnorm/altcraft-history/testing'
import { normalize } from '@evnorm/core'
import { smailyLogAdapter } from '@evnorm/smaily-log'
import { type SmailyEmulatorRow, startSmailyEmulator } from '@evnorm/smaily-log/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, buildBinIfStale } from './cli.test-helpers.js'
import { queryDuckDb } from './load-command.test-helpers.js'

const PASSWORD = 'pa55-Smaily-secret'
const TOKEN = 'tok-Altcraft-secret'
let directory: string
let databases = 0

beforeAll(() => {
  buildBinIfStale()
  directory = mkdtempSync(join(tmpdir(), 'evnorm-sync-'))
})

afterAll(() => {
  rmSync(directory, { recursive: true, force: true })
})

interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly output: string
}

/** Spawns `evnorm` with `env`; `during` gets the child (to signal it) once it has started. */
function evnorm(
  argv: readonly string[],
  env: Record<string, string>,
  during?: (child: ChildProcess) => void,
): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...argv], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  during?.(child)
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, output }))
  })
}

/** Resolves once `check` holds, polling every 20 ms. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20))
}

function database(): string {
  databases++
  return join(directory, `sync-${databases}.duckdb`)
}

async function storedIds(path: string): Promise<string[]> {
  const rows = await queryDuckDb(path, 'SELECT id FROM evnorm_events ORDER BY id')
  return rows.map(([id]) => String(id))
}

function smailyRows(count: number, first = 9_007_199_254_740_993n): SmailyEmulatorRow[] {
  return Array.from({ length: count }, (_, index) => ({
    seq_id: first + BigInt(index),
    email: `user${index % 23}@example.ee`,
    time: new Date(Date.UTC(2025, 4, 12, 6) + index * 30_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' '),
    campaign_id: 10 + (index % 4),
    campaign_name: 'May news',
    action: index % 3 === 0 ? 'click' : 'view',
    value: index % 3 === 0 ? `https://example.ee/p/${index}` : '',
  }))
}

function smailyIds(rows: readonly SmailyEmulatorRow[]): string[] {
  const text = `[${rows.map(({ seq_id, ...rest }) => `{"seq_id":${BigInt(seq_id)},${JSON.stringify(rest).slice(1)}`).join(',')}]`
  const result = normalize(smailyLogAdapter, text)
  if (!result.success) throw result.error
  return result.events.map((event) => event.id).sort()
}

function smailyEnv(url: string, password = PASSWORD): Record<string, string> {
  return {
    SMAILY_SUBDOMAIN: 'acme',
    SMAILY_USERNAME: 'api-user',
    SMAILY_PASSWORD: password,
    SMAILY_BASE_URL: url,
  }
}

describe('evnorm sync smaily', () => {
  it('stores exactly the emulator rows under every fault, with no credential in the output', async () => {
    const rows = smailyRows(1000)
    const emulator = await startSmailyEmulator({
      rows: rows.slice(0, 900),
      username: 'api-user',
      password: PASSWORD,
      faults: [
        { kind: 'status', status: 429, retryAfterSeconds: 0, at: 2, times: 3 },
        { kind: 'status', status: 500, at: 6 },
        { kind: 'slow', delayMs: 300, at: 8 },
        { kind: 'reset', at: 9 },
        { kind: 'truncate', at: 11 },
        { kind: 'append', rows: rows.slice(900), at: 13 },
      ],
    })
    try {
      const path = database()
      const run = await evnorm(
        ['sync', 'smaily', '--to', `duckdb:${path}`, '--limit', '100', '--rate', '50'],
        smailyEnv(emulator.url),
      )
      expect(run.code).toBe(0)
      expect(await storedIds(path)).toEqual(smailyIds(rows))
      expect(run.output).toMatch(/evnorm: sync smaily:acme: \d+ requests \(6 retried\)/)
      expect(run.output).not.toContain(PASSWORD)
      expect(run.output).not.toContain(Buffer.from(`api-user:${PASSWORD}`).toString('base64'))
      const [[cursor]] = (await queryDuckDb(
        path,
        "SELECT cursor FROM evnorm_checkpoints WHERE stream = 'smaily:acme'",
      )) as [[string]]
      expect(JSON.parse(cursor).since_seq_id).toBe(String(rows.at(-1)?.seq_id))
    } finally {
      await emulator.close()
    }
  })

  it('killed with SIGKILL at random points and run again gives the same table', async () => {
    const rows = smailyRows(1500)
    const emulator = await startSmailyEmulator({ rows, username: 'api-user', password: PASSWORD })
    try {
      const path = database()
      const argv = [
        'sync',
        'smaily',
        '-q',
        '--to',
        `duckdb:${path}`,
        '--limit',
        '50',
        '--rate',
        '40',
      ]
      for (let kill = 0; kill < 3; kill++) {
        const killed = await evnorm(argv, smailyEnv(emulator.url), (child) => {
          setTimeout(() => child.kill('SIGKILL'), 300 + Math.random() * 500)
        })
        expect([killed.signal, killed.code]).toContainEqual(killed.signal ? 'SIGKILL' : 0)
      }
      expect((await evnorm(argv, smailyEnv(emulator.url))).code).toBe(0)
      expect(await storedIds(path)).toEqual(smailyIds(rows))
    } finally {
      await emulator.close()
    }
  })

  it('--follow polls until SIGTERM, then exits 0 with what was logged meanwhile', async () => {
    const rows = smailyRows(120)
    const emulator = await startSmailyEmulator({
      rows: rows.slice(0, 60),
      username: 'api-user',
      password: PASSWORD,
    })
    try {
      const path = database()
      const run = await evnorm(
        ['sync', 'smaily', '--to', `duckdb:${path}`, '--follow', '--interval', '200ms'],
        smailyEnv(emulator.url),
        (child) => {
          void (async () => {
            await until(() => emulator.requests.length >= 1)
            emulator.append(rows.slice(60))
            const seen = emulator.requests.length
            await until(() => emulator.requests.length >= seen + 3)
            child.kill('SIGTERM')
          })()
        },
      )
      expect(run.code).toBe(0)
      expect(await storedIds(path)).toEqual(smailyIds(rows))
    } finally {
      await emulator.close()
    }
  })

  it('exits 2 on wrong credentials or a vendor error object, at once and without the password', async () => {
    const emulator = await startSmailyEmulator({
      rows: smailyRows(5),
      username: 'api-user',
      password: PASSWORD,
      faults: [{ kind: 'vendor-error', code: 227, message: 'a paid plan is needed', at: 2 }],
    })
    try {
      const refused = await evnorm(
        ['sync', 'smaily', '--to', `duckdb:${database()}`],
        smailyEnv(emulator.url, 'wrong-Secret'),
      )
      expect(refused.code).toBe(2)
      expect(refused.output).toMatch(/smaily: the credentials were refused \(HTTP 401\)/)
      expect(refused.output).not.toContain('wrong-Secret')
      const vendor = await evnorm(
        ['sync', 'smaily', '--to', `duckdb:${database()}`],
        smailyEnv(emulator.url),
      )
      expect(vendor.code).toBe(2)
      expect(vendor.output).toMatch(/error 227 \(a paid plan is needed\)/)
      expect(emulator.requests).toHaveLength(2)
    } finally {
      await emulator.close()
    }
  })

  it('names missing variables, not values', async () => {
    const run = await evnorm(['sync', 'smaily'], { SMAILY_PASSWORD: PASSWORD })
    expect(run.code).toBe(2)
    expect(run.output).toBe(
      'evnorm: sync smaily: set SMAILY_SUBDOMAIN, SMAILY_USERNAME in the environment\n',
    )
  })
})

function altcraftRecords(count: number): AltcraftEmulatorRecord[] {
  const today = new Date()
  const first =
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 2 * 86_400_000
  return Array.from({ length: count }, (_, index) => ({
    xxh: `00000000000000${String(index % 11).padStart(2, '0')}`,
    email: `user${index % 11}@example.org`,
    list_id: 7,
    action: index % 2 === 0 ? 'open' : 'click',
    count: 1,
    datetime: new Date(first + ((index * 3_607_000) % (3 * 86_400_000 - 1000)))
      .toISOString()
      .replace('.000Z', 'Z'),
    message_id: 41,
    campaign_id: 907,
    event_id: `65cd${index.toString(16).padStart(20, '0')}`,
    channel: 'email',
  }))
}

describe('evnorm sync altcraft-history', () => {
  it('stores exactly the emulator records under faults, the token only in a Bearer header', async () => {
    const records = altcraftRecords(300)
    const emulator = await startAltcraftEmulator({
      records,
      token: TOKEN,
      listId: 7,
      faults: [
        { kind: 'status', status: 429, at: 2, times: 2 },
        { kind: 'status', status: 502, at: 5 },
        { kind: 'reset', at: 7 },
        { kind: 'truncate', at: 9 },
        { kind: 'slow', delayMs: 300, at: 10 },
      ],
    })
    try {
      const path = database()
      const env = { ALTCRAFT_TOKEN: TOKEN, ALTCRAFT_LIST_ID: '7', ALTCRAFT_BASE_URL: emulator.url }
      const since = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
      const argv = [
        'sync',
        'altcraft-history',
        '--to',
        `duckdb:${path}`,
        '--since',
        since,
        '--limit',
        '40',
        '--rate',
        '50',
      ]
      const run = await evnorm(argv, env)
      expect(run.code).toBe(0)
      const expected = normalize(altcraftHistoryAdapter, { data: records, error: 0 })
      if (!expected.success) throw expected.error
      expect(await storedIds(path)).toEqual(expected.events.map((event) => event.id).sort())
      expect(run.output).toMatch(/evnorm: sync altcraft-history:list-7: \d+ requests \(5 retried\)/)
      expect(run.output).not.toContain(TOKEN)
      expect(emulator.requests.some((request) => request.path.includes(TOKEN))).toBe(false)
      const again = await evnorm([...argv, '--json-summary'], env)
      expect(JSON.parse(again.output)).toMatchObject({ inserted: 0, warnings: [] })
    } finally {
      await emulator.close()
    }
  })

  it('exits 2 when the token is refused (error 401), without printing it', async () => {
    const emulator = await startAltcraftEmulator({ records: altcraftRecords(3), token: TOKEN })
    try {
      const env = {
        ALTCRAFT_TOKEN: 'not-the-Token',
        ALTCRAFT_LIST_ID: '1',
        ALTCRAFT_BASE_URL: emulator.url,
      }
      const run = await evnorm(['sync', 'altcraft-history', '--to', `duckdb:${database()}`], env)
      expect(run.code).toBe(2)
      expect(run.output).toMatch(
        /altcraft: the credentials were refused \(error 401: API token required\)/,
      )
      expect(run.output).not.toContain('not-the-Token')
    } finally {
      await emulator.close()
    }
  })
})
