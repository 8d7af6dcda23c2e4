import { randomUUID } from 'node:crypto'
import { type CanonicalEvent, findEventProblem, normalize, normalizeRecords } from '@evnorm/core'
import { eventId, parseJsonLossless } from '@evnorm/core/adapter'
import { XMLParser } from 'fast-xml-parser'
import { z } from 'zod'
import { altcraftHistoryAdapter } from '../src/index.js'
import { handWrittenHistoryAdapter } from './altcraft-history-hand-written.js'
import { historyRecord, jsonDocument, xmlDocument } from './altcraft-history-records.js'

const JSON_RECORDS = Number(process.env.BENCH_JSON_RECORDS ?? 50_000)
const XML_RECORDS = Number(process.env.BENCH_XML_RECORDS ?? 5_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const WARMUP_ROUNDS = 2
const FEED = 'altcraft.history'
const SubscriptionSchema = z.object({
  resource_id: z.number().int(),
  resource_name: z.string().optional(),
  channel: z.string(),
  email: z.string().optional(),
  priority: z.number().int().optional(),
  status: z.string().optional(),
  custom_fields: z.record(z.string(), z.unknown()).optional(),
  cats: z.array(z.string()).optional(),
})

const RecordSchema = z.object({
  xxh: z.string(),
  profile_id: z.string().optional(),
  email: z.string(),
  list_id: z.number().int(),
  action: z.string(),
  count: z.number().int(),
  datetime: z.string(),
  message_id: z.number().int(),
  campaign_id: z.number().int(),
  event_id: z.string().optional(),
  smid: z.string().optional(),
  campaign_name: z.string().optional(),
  message_name: z.string().optional(),
  subscription: SubscriptionSchema.optional(),
  channel: z.string().optional(),
  subscriptions: z.array(SubscriptionSchema).optional(),
})

const NAIVE_TYPES: Record<string, string> = {
  send: 'message.sent',
  deliv: 'message.delivered',
  open: 'message.opened',
  read: 'message.read',
  click: 'message.clicked',
  hbounce: 'message.bounced',
  unsubscribe_email: 'subscription.unsubscribed',
}

/** What a user would write by hand: zod per record, Date per record, a light event object. */
function naive(text: string): unknown[] {
  const envelope = JSON.parse(text) as { data: unknown[] }
  return envelope.data.map((raw) => {
    const record = RecordSchema.parse(raw)
    return {
      id: record.event_id ?? randomUUID(),
      type: NAIVE_TYPES[record.action] ?? 'unknown',
      occurredAt: new Date(record.datetime).toISOString(),
      count: record.count,
      email: record.email,
      campaignId: record.campaign_id === 0 ? undefined : String(record.campaign_id),
      messageId: record.message_id === 0 ? undefined : String(record.message_id),
      subscription: record.subscription,
    }
  })
}

const jsonRecords = Array.from({ length: JSON_RECORDS }, (_, index) => historyRecord(index))
const jsonText = jsonDocument(jsonRecords)
const xmlRecords = jsonRecords.slice(0, XML_RECORDS)
const xmlText = xmlDocument(xmlRecords)
const preparsed = (JSON.parse(jsonText) as { data: unknown[] }).data

function checkedNormalize(text: string, records: number, adapter = altcraftHistoryAdapter): number {
  const result = normalize(adapter, text)
  if (!result.success || result.counts.accepted !== records)
    throw new Error('benchmark input did not normalize cleanly')
  return result.events.length
}

const sampleEvents = normalizeRecords(altcraftHistoryAdapter, preparsed).events as CanonicalEvent[]
const context = { index: 0, batchIndex: 0, hints: undefined }

interface Case {
  readonly name: string
  readonly format: 'json' | 'xml'
  readonly pipeline: string
  readonly records: number
  readonly run: () => unknown
}

const cases: Case[] = [
  {
    name: 'JSON.parse (floor)',
    format: 'json',
    pipeline: 'JSON.parse',
    records: JSON_RECORDS,
    run: () => JSON.parse(jsonText),
  },
  {
    name: 'evnorm normalize (JSON text)',
    format: 'json',
    pipeline: 'evnorm',
    records: JSON_RECORDS,
    run: () => checkedNormalize(jsonText, JSON_RECORDS),
  },
  {
    name: 'naive zod + Date (JSON text)',
    format: 'json',
    pipeline: 'naive',
    records: JSON_RECORDS,
    run: () => naive(jsonText),
  },
  {
    name: 'evnorm, validate: false (JSON text)',
    format: 'json',
    pipeline: 'evnorm-no-validate',
    records: JSON_RECORDS,
    run: () => normalize(altcraftHistoryAdapter, jsonText, { validate: false }),
  },
  {
    name: '· hand-written mapping, same normalize',
    format: 'json',
    pipeline: 'hand-written-ceiling',
    records: JSON_RECORDS,
    run: () => checkedNormalize(jsonText, JSON_RECORDS, handWrittenHistoryAdapter),
  },
  {
    name: '· core parseJsonLossless alone',
    format: 'json',
    pipeline: 'parse-json-lossless',
    records: JSON_RECORDS,
    run: () => parseJsonLossless(jsonText),
  },
  {
    name: '· parsed records → events (validated)',
    format: 'json',
    pipeline: 'evnorm-records',
    records: JSON_RECORDS,
    run: () => normalizeRecords(altcraftHistoryAdapter, preparsed),
  },
  {
    name: '· adapter.normalize alone',
    format: 'json',
    pipeline: 'adapter-normalize',
    records: JSON_RECORDS,
    run: () => {
      for (const record of preparsed) altcraftHistoryAdapter.normalize(record, context)
    },
  },
  {
    name: '· eventId alone',
    format: 'json',
    pipeline: 'event-id',
    records: JSON_RECORDS,
    run: () => {
      for (const record of preparsed) eventId(FEED, [(record as { event_id: string }).event_id])
    },
  },
  {
    name: '· findEventProblem alone',
    format: 'json',
    pipeline: 'validate-event',
    records: JSON_RECORDS,
    run: () => {
      for (const event of sampleEvents) findEventProblem(event)
    },
  },
  {
    name: 'fast-xml-parser alone (defaults)',
    format: 'xml',
    pipeline: 'fast-xml-parser',
    records: XML_RECORDS,
    run: () => new XMLParser().parse(xmlText),
  },
  {
    name: 'evnorm normalize (XML text)',
    format: 'xml',
    pipeline: 'evnorm',
    records: XML_RECORDS,
    run: () => checkedNormalize(xmlText, XML_RECORDS),
  },
]

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

const timings = new Map<Case, number[]>(cases.map((entry) => [entry, []]))
// with `node --expose-gc`, every timed run starts from a collected heap
const gc = (globalThis as { gc?: () => void }).gc
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  const order = cases.map((_, index) => cases[(index + round) % cases.length] as Case)
  for (const entry of order) {
    gc?.()
    const start = process.hrtime.bigint()
    entry.run()
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (round >= WARMUP_ROUNDS) timings.get(entry)?.push(seconds)
  }
}

const rates = new Map(
  cases.map((entry) => [entry, Math.round(entry.records / median(timings.get(entry) ?? []))]),
)
const floorOf = (format: Case['format']) =>
  rates.get(cases.find((entry) => entry.format === format) as Case) ?? 1
const floor = { json: floorOf('json'), xml: floorOf('xml') }
console.log(
  `altcraft.history: ${JSON_RECORDS} JSON records (${(jsonText.length / 1e6).toFixed(1)} MB, ${Math.round(jsonText.length / JSON_RECORDS)} B each), ` +
    `${XML_RECORDS} XML records (${(xmlText.length / 1e6).toFixed(1)} MB); median of ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up; ${gc ? 'heap collected before each run' : 'steady heap'}`,
)
console.log(
  `${'case'.padEnd(40)} ${'records/s'.padStart(12)} ${'µs/record'.padStart(10)} ${'% of floor'.padStart(11)}`,
)
for (const entry of cases) {
  const rate = rates.get(entry) ?? 0
  const share = ((rate / floor[entry.format]) * 100).toFixed(1)
  console.log(
    `${entry.name.padEnd(40)} ${String(rate).padStart(12)} ${(1e6 / rate).toFixed(2).padStart(10)} ${share.padStart(10)}%`,
  )
}
for (const entry of cases) {
  console.log(
    JSON.stringify({
      bench: true,
      feed: FEED,
      format: entry.format,
      pipeline: entry.pipeline,
      records: entry.records,
      recordsPerSecond: rates.get(entry),
    }),
  )
}
