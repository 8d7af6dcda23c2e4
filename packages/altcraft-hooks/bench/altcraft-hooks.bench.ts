import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { normalize, normalizeStream } from '@evnorm/core'
import { byteChunks } from '@evnorm/core/testing'
import { z } from 'zod'
import { altcraftHooksAdapter } from '../src/index.js'
import { handWrittenHooksAdapter } from './altcraft-hooks-hand-written.js'
import { hookMessage } from './altcraft-hooks-messages.js'

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000)
const WARMUP_ROUNDS = 2
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const FEED = 'altcraft.hooks'

const naiveSchema = z.object({
  event_type: z.string(),
  event_date: z.string(),
  profile_id: z.string().nullish(),
  _xxh: z.string().nullish(),
  _md5: z.string().nullish(),
  list_id: z.number().int().nullish(),
  account_id: z.number().int(),
  sends_trying_num: z.number().int().optional(),
  is_test: z.boolean(),
  is_static: z.boolean().optional(),
  subscription_hash_id: z.string().nullish(),
  custom_data: z.record(z.string(), z.unknown()).nullish(),
  event_data: z.object({
    message_id: z.number().int().optional(),
    campaign_id: z.number().int().optional(),
    launch_id: z.string().optional(),
    send_message_id: z.string().optional(),
    full_message_id: z.string().optional(),
    link_url: z.string().optional(),
    ip: z.string().optional(),
    country: z.string().optional(),
    user_agent: z.string().optional(),
    bounce_code: z.number().int().optional(),
    bounce_message: z.string().optional(),
  }),
  subscription: z
    .array(
      z.object({
        resource_id: z.number().int(),
        channel: z.string(),
        email: z.string().optional(),
        status: z.string(),
      }),
    )
    .nullish(),
})

/** What a user would write by hand: JSON.parse, a zod schema per record, Date, a SHA-1 id. */
function naive(text: string): unknown[] {
  const out: unknown[] = []
  for (const record of JSON.parse(text) as unknown[]) {
    const parsed = naiveSchema.safeParse(record)
    if (!parsed.success) continue
    const message = parsed.data
    const occurredAt = new Date(message.event_date).toISOString()
    const key = `${message.event_type}|${message.event_date}|${message.account_id}|${message.profile_id}|${message.event_data.send_message_id}|${message.event_data.link_url}`
    out.push({
      id: createHash('sha1').update(key).digest('hex'),
      type: message.event_type,
      occurredAt,
      profileId: message.profile_id ?? undefined,
      campaignId: message.event_data.campaign_id,
      url: message.event_data.link_url,
      ip: message.event_data.ip,
    })
  }
  return out
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function check(result: ReturnType<typeof normalize>): number {
  if (!result.success) throw result.error
  if (result.counts.rejected !== 0) throw new Error(JSON.stringify(result.rejections[0]))
  return result.events.length
}

/** `normalizeStream` fed as a user feeds it a file: a Readable of 64 KiB byte chunks. */
async function streamed(chunks: readonly Buffer[]): Promise<number> {
  let events = 0
  for await (const item of normalizeStream(altcraftHooksAdapter, Readable.from(chunks))) {
    if (!item.success) throw item.error
    if (item.counts.rejected !== 0) throw new Error(JSON.stringify(item.rejections[0]))
    events += item.events.length
  }
  return events
}

const messages = Array.from({ length: RECORDS }, (_, index) => hookMessage(index))
const text = JSON.stringify(messages)
const ndjson = `${messages.map((message) => JSON.stringify(message)).join('\n')}\n`
const textChunks = byteChunks(text)
const ndjsonChunks = byteChunks(ndjson)
const BATCH_SIZE = 1000
const bodies = Array.from({ length: Math.ceil(RECORDS / BATCH_SIZE) }, (_, index) =>
  JSON.stringify(messages.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE)),
)
const BODIES = `json, ${BATCH_SIZE} per body`

function eachBody(run: (body: string) => number): number {
  let count = 0
  for (const body of bodies) count += run(body)
  return count
}

function floor(body: string): number {
  return (JSON.parse(body) as unknown[]).map((message) => JSON.stringify(message)).length
}

const cases: {
  path: string
  format: string
  pipeline: string
  run: () => number | Promise<number>
}[] = [
  {
    path: 'JSON.parse(text) + JSON.stringify per record',
    format: 'json',
    pipeline: 'floor',
    run: () => floor(text),
  },
  {
    path: 'normalize(text), hand-written adapter',
    format: 'json',
    pipeline: 'ceiling',
    run: () => check(normalize(handWrittenHooksAdapter, text)),
  },
  {
    path: 'normalize(text)',
    format: 'json',
    pipeline: 'normalize',
    run: () => check(normalize(altcraftHooksAdapter, text)),
  },
  {
    path: 'normalize(text)',
    format: 'ndjson',
    pipeline: 'normalize',
    run: () => check(normalize(altcraftHooksAdapter, ndjson)),
  },
  {
    path: 'normalizeStream(64 KiB chunks)',
    format: 'ndjson',
    pipeline: 'stream',
    run: () => streamed(ndjsonChunks),
  },
  {
    path: 'normalizeStream(64 KiB chunks)',
    format: 'json',
    pipeline: 'stream',
    run: () => streamed(textChunks),
  },
  {
    path: 'naive: JSON.parse + zod + Date + sha1',
    format: 'json',
    pipeline: 'naive',
    run: () => naive(text).length,
  },
  {
    path: 'JSON.parse(body) + JSON.stringify per record',
    format: BODIES,
    pipeline: 'floor',
    run: () => eachBody(floor),
  },
  {
    path: 'normalize(body)',
    format: BODIES,
    pipeline: 'normalize',
    run: () => eachBody((body) => check(normalize(altcraftHooksAdapter, body))),
  },
]

const timings = new Map<string, number[]>(cases.map((benchCase) => [key(benchCase), []]))
function key(benchCase: (typeof cases)[number]): string {
  return `${benchCase.path}|${benchCase.format}`
}
// with `node --expose-gc`, every timed run starts from a collected heap
const gc = (globalThis as { gc?: () => void }).gc
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (const benchCase of cases) {
    gc?.()
    const start = process.hrtime.bigint()
    const count = await benchCase.run()
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (count !== RECORDS) throw new Error(`${benchCase.path}: ${count} of ${RECORDS} records`)
    if (round >= WARMUP_ROUNDS) timings.get(key(benchCase))?.push(seconds)
  }
}

const floors = new Map(
  cases
    .filter((benchCase) => benchCase.pipeline === 'floor')
    .map((benchCase) => [benchCase.format, median(timings.get(key(benchCase)) ?? [])]),
)
console.log(
  `altcraft.hooks: ${RECORDS} hook messages, ${(text.length / RECORDS).toFixed(0)} B each (one ${(text.length / 1e6).toFixed(1)} MB body, or ${bodies.length} bodies of ${BATCH_SIZE}); median of ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up; ${gc ? 'heap collected before each run' : 'steady heap'}; Node ${process.version}; ratios against the floor of the same bodies`,
)
console.log('| path | format | records/s | µs per record | × floor time |')
console.log('|---|---|---:|---:|---:|')
for (const benchCase of cases) {
  const seconds = median(timings.get(key(benchCase)) ?? [])
  const floorSeconds = floors.get(benchCase.format) ?? floors.get('json') ?? seconds
  console.log(
    `| ${benchCase.path} | ${benchCase.format} | ${Math.round(RECORDS / seconds).toLocaleString('en')} | ${((seconds / RECORDS) * 1e6).toFixed(2)} | ${(seconds / floorSeconds).toFixed(2)}× |`,
  )
}
for (const benchCase of cases) {
  const seconds = median(timings.get(key(benchCase)) ?? [])
  console.log(
    JSON.stringify({
      bench: true,
      node: process.version,
      feed: FEED,
      format: benchCase.format,
      pipeline: benchCase.pipeline,
      path: benchCase.path,
      records: RECORDS,
      recordsPerSecond: Math.round(RECORDS / seconds),
    }),
  )
}
