import { normalize } from '@evnorm/core'
import { isSafeNumber, parse as parseLossless } from 'lossless-json'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { smailyLogAdapter } from '../src/index.js'

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000)
const WARMUP_ROUNDS = 2
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const FEED = 'smaily.history'

const ACTIONS = [
  ['send', 40],
  ['view', 20],
  ['click', 10],
  ['bounce', 5],
  ['modify', 5],
  ['optin', 5],
  ['create', 5],
  ['optout', 5],
  ['delete', 3],
  ['complaint', 2],
] as const

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296
  }
}

function valueFor(action: string, next: () => number): string {
  switch (action) {
    case 'view':
      return `Windows 10; Outlook 2019; 192.0.2.${Math.floor(next() * 250)}; EE`
    case 'click':
      return `https://shop.example.ee/p/${Math.floor(next() * 5000)}?utm_source=smaily`
    case 'bounce':
      return next() < 0.7 ? '550' : '421'
    case 'modify':
      return `name=Mari; city=Tartu; lang=et; points=${Math.floor(next() * 900)}`
    default:
      return ''
  }
}

/** 200k rows of one May month in cursor mode (~210 bytes each), in seq_id order. */
function buildRows(count: number): Record<string, unknown>[] {
  const next = random(42)
  const start = Date.UTC(2025, 4, 1)
  const pick = (): string => {
    let left = next() * 100
    for (const [action, weight] of ACTIONS) {
      left -= weight
      if (left < 0) return action
    }
    return 'send'
  }
  return Array.from({ length: count }, (_, index) => {
    const action = pick()
    const local = new Date(start + Math.floor((index / count) * 29 * 86_400_000)).toISOString()
    const campaign = action === 'create' || action === 'modify' || action === 'optin'
    return {
      seq_id: 1_200_000_000 + index,
      email: `subscriber${Math.floor(next() * 50_000)}@example.ee`,
      time: `${local.slice(0, 10)} ${local.slice(11, 19)}`,
      campaign_id: campaign ? null : 900 + Math.floor(next() * 40),
      campaign_name: campaign ? null : 'Kevad / Spring offers',
      action,
      value: valueFor(action, next),
    }
  })
}

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
  const json = JSON.stringify(rows)
  const ndjson = `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`
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
    `\n${FEED}: ${RECORDS} rows, ${(json.length / RECORDS).toFixed(0)} B/row as JSON, median of ${ROUNDS} interleaved rounds (after ${WARMUP_ROUNDS} warm-up), Node ${process.version}\n`,
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
