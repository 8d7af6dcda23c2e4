import { createHash } from 'node:crypto'
import { findEventProblem, normalize } from '@evnorm/core'
import { eventId, parseJsonLossless } from '@evnorm/core/adapter'
import { z } from 'zod'
import { altcraftHooksAdapter } from '../src/index.js'

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000)
const WARMUP_ROUNDS = 2
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const FEED = 'altcraft.hooks'

const TRACKING = ['uopen', 'open', 'uclick', 'click', 'read', 'click_push', 'uclick_sms']
const MESSAGING = ['send', 'deliv', 'send_sms', 'deliv_push', 'suppress', 'complain']

function hex(seed: number, length: number): string {
  return createHash('sha256').update(String(seed)).digest('hex').slice(0, length)
}

function eventData(index: number, verb: string): Record<string, unknown> {
  const refs = {
    message_id: 17 + (index % 5),
    campaign_id: 973,
    segment_id: 0,
    resource_id: 3,
    launch_id: '00000017000003cd5a9bf01a',
    send_message_id: `5a9bf01a17_3cd_11_6f_0_2.${hex(index, 24)}`,
    full_message_id: `fQIQs4FgAAEBIcARAxDxAQAAEJECFQADuZJygDTgWXpQ_BVrkejVzu2bsMzQ3NDkxODlKR8-${hex(index, 6)}`,
    email_message_id: `mzi5c1~+9vqekqmy63mh8xhgt2qjwfkad6lmiafbyn-${hex(index, 12)}`,
    provider: '',
  }
  if (MESSAGING.includes(verb)) return refs
  if (verb === 'hbounce' || verb === 'sbounce') {
    return { ...refs, bounce_code: 550, bounce_message: 'No such user here' }
  }
  if (verb === 'undeliv')
    return { ...refs, undeliv_code: 400, undeliv_message: 'Invalid Caller ID' }
  return {
    ...refs,
    scampaign_id: 973,
    ip: `10.9.${index % 250}.14`,
    country: index % 2 === 0 ? '.ru' : '.uk',
    city: 'Moscow',
    postal_code: '101000',
    region: 'Moskovskaya oblast',
    tz: 'Europe/Moscow',
    lat: 55.244075,
    lon: 37.617635,
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:59.0) Gecko/20100101 Firefox/59.0',
    os: 'Linux x86_64',
    browser: 'Firefox 59.0',
    device: 'web',
    prev_st: index % 3,
    ...(verb.includes('click') ? { link_url: `https://shop.example/item/${index % 1000}` } : {}),
  }
}

/** One synthetic hook message of about 900 bytes, every documented envelope field set. */
function hookMessage(index: number): Record<string, unknown> {
  const verbs = [...TRACKING, ...MESSAGING, 'hbounce', 'sbounce', 'undeliv']
  const verb = verbs[index % verbs.length] as string
  const second = String(index % 60).padStart(2, '0')
  return {
    event_type: verb,
    event_date: `2025-03-30T01:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${second}.${String(index % 1_000_000_000).padStart(9, '0')}Z`,
    profile_id: hex(index, 24),
    _xxh: hex(index + 1, 16),
    _md5: hex(index + 2, 32),
    list_id: 12,
    account_id: 23,
    ...(index % 4 === 0 ? { sends_trying_num: 2 } : {}),
    is_test: false,
    is_static: false,
    subscription_hash_id: hex(index + 3, 13),
    custom_data: { email: `user${index}@example.org`, name: 'Ann' },
    event_data: eventData(index, verb),
    subscription: [
      {
        resource_id: 3,
        channel: 'email',
        email: `user${index}@example.org`,
        priority: 0,
        status: 'subscribed',
        ccsub: { custom_key: 'custom_value' },
      },
    ],
  }
}

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

const messages = Array.from({ length: RECORDS }, (_, index) => hookMessage(index))
const text = JSON.stringify(messages)
const parsedOnce = JSON.parse(text) as unknown[]
const idParts = parsedOnce.map((message) => {
  const record = message as {
    event_type: string
    event_date: string
    profile_id: string
    event_data: Record<string, unknown>
  }
  return [
    record.event_type,
    record.event_date,
    '23',
    record.profile_id,
    String(record.event_data.send_message_id),
    null,
    '00000017000003cd5a9bf01a',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ]
})

const sample = normalize(altcraftHooksAdapter, parsedOnce)
if (!sample.success || sample.counts.rejected !== 0)
  throw new Error('the benchmark messages did not normalize cleanly')
const sampleEvents = sample.events

function check(result: ReturnType<typeof normalize>): number {
  if (!result.success) throw result.error
  if (result.counts.rejected !== 0) throw new Error(JSON.stringify(result.rejections[0]))
  return result.events.length
}

const BATCH_SIZE = 1000
const bodies = Array.from({ length: Math.ceil(RECORDS / BATCH_SIZE) }, (_, index) =>
  JSON.stringify(messages.slice(index * BATCH_SIZE, (index + 1) * BATCH_SIZE)),
)
const ONE_BATCH = 'json'
const HTTP_BATCHES = `json, ${BATCH_SIZE} per batch`

function eachBody(run: (body: string) => number): number {
  let count = 0
  for (const body of bodies) count += run(body)
  return count
}

const cases: { name: string; format: string; pipeline?: string; run: () => number }[] = [
  {
    name: 'JSON.parse (floor)',
    format: ONE_BATCH,
    pipeline: 'JSON.parse',
    run: () => (JSON.parse(text) as unknown[]).length,
  },
  {
    name: 'evnorm normalize(text), validated',
    format: ONE_BATCH,
    pipeline: 'evnorm',
    run: () => check(normalize(altcraftHooksAdapter, text)),
  },
  {
    name: 'naive: JSON.parse + zod per record + Date + sha1',
    format: ONE_BATCH,
    pipeline: 'naive',
    run: () => naive(text).length,
  },
  {
    name: 'evnorm normalize(text), validate: false',
    format: ONE_BATCH,
    run: () => check(normalize(altcraftHooksAdapter, text, { validate: false })),
  },
  {
    name: 'evnorm normalize(parsed array), validated',
    format: ONE_BATCH,
    run: () => check(normalize(altcraftHooksAdapter, parsedOnce)),
  },
  {
    name: 'core parseJsonLossless(text) alone',
    format: ONE_BATCH,
    run: () => {
      const parsed = parseJsonLossless(text)
      if (!parsed.success) throw new Error(parsed.message)
      return RECORDS
    },
  },
  {
    name: 'eventId alone (14 parts)',
    format: ONE_BATCH,
    run: () => {
      for (const parts of idParts) eventId(FEED, parts)
      return RECORDS
    },
  },
  {
    name: 'adapter.normalize alone (parsed messages)',
    format: ONE_BATCH,
    run: () => {
      for (let index = 0; index < parsedOnce.length; index++) {
        altcraftHooksAdapter.normalize(parsedOnce[index], {
          index,
          batchIndex: index,
          hints: undefined,
        })
      }
      return RECORDS
    },
  },
  {
    name: 'findEventProblem alone (every event)',
    format: ONE_BATCH,
    run: () => {
      for (const event of sampleEvents) findEventProblem(event)
      return RECORDS
    },
  },
  {
    name: `JSON.parse, ${BATCH_SIZE}-message HTTP bodies`,
    format: HTTP_BATCHES,
    pipeline: 'JSON.parse',
    run: () => eachBody((body) => (JSON.parse(body) as unknown[]).length),
  },
  {
    name: `evnorm, ${BATCH_SIZE}-message HTTP bodies, validated`,
    format: HTTP_BATCHES,
    pipeline: 'evnorm',
    run: () => eachBody((body) => check(normalize(altcraftHooksAdapter, body))),
  },
  {
    name: `evnorm, ${BATCH_SIZE}-message HTTP bodies, validate: false`,
    format: HTTP_BATCHES,
    run: () =>
      eachBody((body) => check(normalize(altcraftHooksAdapter, body, { validate: false }))),
  },
]

const timings = new Map<string, number[]>(cases.map((benchCase) => [benchCase.name, []]))
// with `node --expose-gc`, every timed run starts from a collected heap
const gc = (globalThis as { gc?: () => void }).gc
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (const benchCase of cases) {
    gc?.()
    const start = process.hrtime.bigint()
    const count = benchCase.run()
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (count !== RECORDS) throw new Error(`${benchCase.name}: ${count} of ${RECORDS} records`)
    if (round >= WARMUP_ROUNDS) timings.get(benchCase.name)?.push(seconds)
  }
}

const floors = new Map(
  cases
    .filter((benchCase) => benchCase.pipeline === 'JSON.parse')
    .map((benchCase) => [benchCase.format, median(timings.get(benchCase.name) ?? [])]),
)
console.log(
  `altcraft.hooks: ${RECORDS} hook messages, ${(text.length / RECORDS).toFixed(0)} B each (one ${(text.length / 1e6).toFixed(1)} MB body, or ${bodies.length} bodies of ${BATCH_SIZE}); median of ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up; ${gc ? 'heap collected before each run' : 'steady heap'}; ratios against JSON.parse of the same bodies`,
)
console.log('| case | records/s | µs per record | × JSON.parse time | % of JSON.parse rate |')
console.log('|---|---:|---:|---:|---:|')
for (const benchCase of cases) {
  const seconds = median(timings.get(benchCase.name) ?? [])
  const floor = floors.get(benchCase.format) ?? seconds
  console.log(
    `| ${benchCase.name} | ${Math.round(RECORDS / seconds).toLocaleString('en')} | ${((seconds / RECORDS) * 1e6).toFixed(2)} | ${(seconds / floor).toFixed(2)}× | ${((floor / seconds) * 100).toFixed(0)} % |`,
  )
}
for (const benchCase of cases) {
  if (benchCase.pipeline === undefined) continue
  const seconds = median(timings.get(benchCase.name) ?? [])
  console.log(
    JSON.stringify({
      bench: true,
      feed: FEED,
      format: benchCase.format,
      pipeline: benchCase.pipeline,
      records: RECORDS,
      recordsPerSecond: Math.round(RECORDS / seconds),
    }),
  )
}
