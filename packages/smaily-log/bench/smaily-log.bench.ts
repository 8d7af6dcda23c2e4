import { Readable } from 'node:stream'
import { type AnyAdapter, normalize, normalizeStream } from '@evnorm/core'
import { byteChunks } from '@evnorm/core/testing'
import { isSafeNumber, parse as parseLossless } from 'lossless-json'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { smailyLogAdapter } from '../src/index.js'
import { handWrittenSmailyAdapter } from './smaily-log-hand-written.js'
import { buildRows, historyJson, historyNdjson } from './smaily-rows.js'

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000)
const WARMUP_ROUNDS = 2
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const FEED = 'smaily.history'

const NaiveRowSchema = z.object({
  seq_id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).optional(),
  email: z.string(),
  time: z.string(),
  campaign_id: z.number().int().nullable(),
  campaign_name: z.string().nullable(),
  action: z.string(),
  value: z.string(),
})

const NAIVE_TYPES: Record<string, string> = {
  bounce: 'message.bounced',
  click: 'message.clicked',
  complaint: 'message.complained',
  create: 'profile.created',
  delete: 'profile.deleted',
  modify: 'profile.updated',
  optin: 'subscription.subscribed',
  optout: 'subscription.unsubscribed',
  send: 'message.sent',
  view: 'message.opened',
}

/** What a user would write by hand: lossless-json, a zod schema per row, luxon per row. */
function naive(text: string): number {
  const rows = parseLossless(text, null, (digits) =>
    isSafeNumber(digits) ? Number(digits) : digits,
  ) as unknown[]
  const events: object[] = []
  for (const raw of rows) {
    const parsed = NaiveRowSchema.safeParse(raw)
    if (!parsed.success) continue
    const row = parsed.data
    const time = DateTime.fromFormat(row.time, 'yyyy-MM-dd HH:mm:ss', { zone: 'Europe/Tallinn' })
    if (!time.isValid) continue
    events.push({
      id: String(row.seq_id),
      type: NAIVE_TYPES[row.action] ?? 'unknown',
      channel: 'email',
      occurredAt: time.toUTC().toISO(),
      email: row.email,
      ...(row.campaign_id === null ? {} : { campaignId: String(row.campaign_id) }),
      ...(row.value === '' ? {} : { value: row.value }),
    })
  }
  return events.length
}

function checked(events: number, rejected: number, rejection?: { message: string }): number {
  if (rejected > 0) throw new Error(rejection?.message)
  return events
}

function batch(text: string, adapter: AnyAdapter = smailyLogAdapter): number {
  const result = normalize(adapter, text)
  if (!result.success) throw result.error
  return checked(result.events.length, result.counts.rejected, result.rejections[0])
}

/** `normalizeStream` fed as a user feeds it a file: a Readable of 64 KiB byte chunks. */
async function streamed(chunks: readonly Buffer[]): Promise<number> {
  let events = 0
  for await (const item of normalizeStream(smailyLogAdapter, Readable.from(chunks))) {
    if (!item.success) throw item.error
    events += checked(item.events.length, item.counts.rejected, item.rejections[0])
  }
  return events
}

interface Case {
  readonly pipeline: string
  readonly path: string
  readonly format: 'json' | 'ndjson'
  readonly run: () => number | Promise<number>
  readonly millis: number[]
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

async function main(): Promise<void> {
  const rows = buildRows(RECORDS)
  const json = historyJson(rows)
  const ndjson = historyNdjson(rows)
  const jsonChunks = byteChunks(json)
  const ndjsonChunks = byteChunks(ndjson)
  const cases: Case[] = [
    {
      pipeline: 'floor',
      path: 'JSON.parse(text) + JSON.stringify per record',
      format: 'json',
      run: () => (JSON.parse(json) as unknown[]).map((row) => JSON.stringify(row)).length,
      millis: [],
    },
    {
      pipeline: 'ceiling',
      path: 'normalize(text), hand-written adapter',
      format: 'json',
      run: () => batch(json, handWrittenSmailyAdapter),
      millis: [],
    },
    {
      pipeline: 'normalize',
      path: 'normalize(text)',
      format: 'json',
      run: () => batch(json),
      millis: [],
    },
    {
      pipeline: 'normalize',
      path: 'normalize(text)',
      format: 'ndjson',
      run: () => batch(ndjson),
      millis: [],
    },
    {
      pipeline: 'stream',
      path: 'normalizeStream(64 KiB chunks)',
      format: 'ndjson',
      run: () => streamed(ndjsonChunks),
      millis: [],
    },
    {
      pipeline: 'stream',
      path: 'normalizeStream(64 KiB chunks)',
      format: 'json',
      run: () => streamed(jsonChunks),
      millis: [],
    },
    {
      pipeline: 'naive',
      path: 'naive: lossless-json + zod + luxon',
      format: 'json',
      run: () => naive(json),
      millis: [],
    },
  ]
  const gc = (globalThis as { gc?: () => void }).gc
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const item of cases) {
      gc?.()
      const started = performance.now()
      const count = await item.run()
      const elapsed = performance.now() - started
      if (count !== RECORDS) throw new Error(`${item.path} gave ${count} of ${RECORDS} records`)
      if (round >= WARMUP_ROUNDS) item.millis.push(elapsed)
    }
  }
  const floor = median(cases[0]?.millis ?? [])
  console.log(
    `\n${FEED}: ${RECORDS} rows, ${(json.length / RECORDS).toFixed(0)} B/row as JSON, median of ${ROUNDS} interleaved rounds (after ${WARMUP_ROUNDS} warm-up), ${gc ? 'heap collected before each run' : 'steady heap'}, Node ${process.version}\n`,
  )
  console.log('| path | format | ms | records/s | × floor time |')
  console.log('|---|---|---:|---:|---:|')
  for (const item of cases) {
    const ms = median(item.millis)
    const rate = Math.round((RECORDS / ms) * 1000)
    console.log(
      `| ${item.path} | ${item.format} | ${ms.toFixed(0)} | ${rate.toLocaleString('en-US')} | ${(ms / floor).toFixed(2)} |`,
    )
  }
  console.log('')
  for (const item of cases) {
    console.log(
      JSON.stringify({
        bench: true,
        node: process.version,
        feed: FEED,
        format: item.format,
        pipeline: item.pipeline,
        path: item.path,
        records: RECORDS,
        recordsPerSecond: Math.round((RECORDS / median(item.millis)) * 1000),
      }),
    )
  }
}

await main()
