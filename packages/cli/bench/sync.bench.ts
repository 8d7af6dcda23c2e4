import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDuckDbSink } from '@evnorm/duckdb'
import { createSmailyClient, SMAILY_PAGE_LIMIT, syncSmaily } from '@evnorm/smaily-log/pull'
import { type SmailyEmulatorRow, startSmailyEmulator } from '@evnorm/smaily-log/testing'

const ROWS = Number(process.env.BENCH_RECORDS ?? 200_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ACTIONS = ['send', 'view', 'click', 'bounce', 'optin', 'modify'] as const

function rows(): SmailyEmulatorRow[] {
  const start = Date.UTC(2025, 4, 1, 6)
  return Array.from({ length: ROWS }, (_, index) => {
    const action = ACTIONS[index % ACTIONS.length] ?? 'send'
    return {
      seq_id: 9_007_199_254_740_993n + BigInt(index),
      email: `user${index % 5000}@example.ee`,
      time: new Date(start + index * 9000).toISOString().slice(0, 19).replace('T', ' '),
      campaign_id: action === 'optin' || action === 'modify' ? null : 100 + (index % 50),
      campaign_name: action === 'optin' || action === 'modify' ? null : 'Weekly news',
      action,
      value:
        action === 'click'
          ? `https://example.ee/offer/${index % 300}?utm_source=smaily`
          : action === 'bounce'
            ? '550'
            : action === 'modify'
              ? 'name=Mari; city=Tartu; lang=et'
              : '',
    }
  })
}

const emulator = await startSmailyEmulator({ rows: rows() })
const client = () =>
  createSmailyClient({
    baseUrl: emulator.url,
    username: 'emulator-user',
    password: 'emulator-password',
    requestsPerSecond: Number.POSITIVE_INFINITY,
  })

/** The floor: the same pages, read and parsed by the client, nothing else. */
async function readOnly(): Promise<number> {
  const reader = client()
  let cursor = '0'
  let count = 0
  for (;;) {
    const page = await reader.readCursorPage(cursor, SMAILY_PAGE_LIMIT)
    count += page.length
    const last = page.at(-1) as { seq_id: string | number } | undefined
    if (last !== undefined) cursor = String(last.seq_id)
    if (page.length < SMAILY_PAGE_LIMIT) return count
  }
}

/** The sync: the same pages normalized and stored, page by page with checkpoints, into a new DuckDB file. */
async function syncIntoDuckDb(): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'evnorm-sync-bench-'))
  try {
    const sink = await openDuckDbSink({ path: join(directory, 'bench.duckdb') })
    const summary = await syncSmaily({ client: client(), sink, stream: 'smaily:bench' })
    await sink.close()
    return summary.inserted
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

async function time(run: () => Promise<number>): Promise<{ ms: number; count: number }> {
  const started = performance.now()
  const count = await run()
  return { ms: performance.now() - started, count }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
const floor: number[] = []
const sync: number[] = []
await time(readOnly)
for (let round = 0; round < ROUNDS; round++) {
  const read = await time(readOnly)
  const stored = await time(syncIntoDuckDb)
  if (read.count !== ROWS || stored.count !== ROWS) {
    throw new Error(`expected ${ROWS} rows, read ${read.count}, stored ${stored.count}`)
  }
  floor.push(read.ms)
  sync.push(stored.ms)
}
await emulator.close()
const rate = (ms: number) => Math.round((ROWS / ms) * 1000).toLocaleString('en')
console.log(
  `${ROWS.toLocaleString('en')} Smaily emulator rows, ${SMAILY_PAGE_LIMIT} a page, no rate limit, median of ${ROUNDS}:`,
)
console.log(
  `  floor (client reads and parses the pages): ${median(floor).toFixed(0)} ms (${rate(median(floor))} rows/s)`,
)
console.log(
  `  evnorm sync into DuckDB:                   ${median(sync).toFixed(0)} ms (${rate(median(sync))} rows/s)`,
)
console.log(`  sync / floor: ${(median(sync) / median(floor)).toFixed(2)}x`)
