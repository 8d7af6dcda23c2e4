import { normalize } from '@evnorm/core'
import { isSafeNumber, parse as parseLossless } from 'lossless-json'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { smailyLogAdapter } from '../src/index.js'
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

function evnorm(text: string, validate = true): number {
  const result = normalize(smailyLogAdapter, text, { validate })
  if (!result.success) throw result.error
  if (result.counts.rejected > 0) throw new Error(result.rejections[0]?.message)
  return result.events.length
}

interface Case {
  readonly pipeline: string
  readonly format: 'json' | 'ndjson'
  readonly run: () => number
  readonly millis: number[]
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function main(): void {
  const rows = buildRows(RECORDS)
  const json = historyJson(rows)
  const ndjson = historyNdjson(rows)
  const cases: Case[] = [
    {
      pipeline: 'JSON.parse',
      format: 'json',
      run: () => (JSON.parse(json) as unknown[]).length,
      millis: [],
    },
    { pipeline: 'evnorm', format: 'json', run: () => evnorm(json), millis: [] },
    { pipeline: 'evnorm', format: 'ndjson', run: () => evnorm(ndjson), millis: [] },
    {
      pipeline: 'evnorm (validate: false)',
      format: 'json',
      run: () => evnorm(json, false),
      millis: [],
    },
    { pipeline: 'naive', format: 'json', run: () => naive(json), millis: [] },
  ]
  const gc = (globalThis as { gc?: () => void }).gc
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const item of cases) {
      gc?.()
      const started = performance.now()
      const count = item.run()
      const elapsed = performance.now() - started
      if (count !== RECORDS) throw new Error(`${item.pipeline} gave ${count} of ${RECORDS} records`)
      if (round >= WARMUP_ROUNDS) item.millis.push(elapsed)
    }
  }
  const floor = median(cases[0]?.millis ?? [])
  console.log(
    `\n${FEED}: ${RECORDS} rows, ${(json.length / RECORDS).toFixed(0)} B/row as JSON, median of ${ROUNDS} interleaved rounds (after ${WARMUP_ROUNDS} warm-up), ${gc ? 'heap collected before each run' : 'steady heap'}, Node ${process.version}\n`,
  )
  console.log('| pipeline | format | ms | records/s | × JSON.parse time |')
  console.log('|---|---|---:|---:|---:|')
  for (const item of cases) {
    const ms = median(item.millis)
    const rate = Math.round((RECORDS / ms) * 1000)
    console.log(
      `| ${item.pipeline} | ${item.format} | ${ms.toFixed(0)} | ${rate.toLocaleString('en-US')} | ${(ms / floor).toFixed(2)} |`,
    )
  }
  console.log('')
  for (const item of cases) {
    const rate = Math.round((RECORDS / median(item.millis)) * 1000)
    console.log(
      JSON.stringify({
        bench: true,
        feed: FEED,
        format: item.format,
        pipeline: item.pipeline,
        records: RECORDS,
        recordsPerSecond: rate,
      }),
    )
  }
}

main()
