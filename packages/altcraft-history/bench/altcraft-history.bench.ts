import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { normalize, normalizeStream } from '@evnorm/core'
import { byteChunks } from '@evnorm/core/testing'
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
const ndjsonText = `${jsonRecords.map((record) => JSON.stringify(record)).join('\n')}\n`
const jsonChunks = byteChunks(jsonText)
const ndjsonChunks = byteChunks(ndjsonText)
const xmlRecords = jsonRecords.slice(0, XML_RECORDS)
const xmlText = xmlDocument(xmlRecords)

function checkedNormalize(text: string, records: number, adapter = altcraftHistoryAdapter): number {
  const result = normalize(adapter, text)
  if (!result.success || result.counts.accepted !== records)
    throw new Error('benchmark input did not normalize cleanly')
  return result.events.length
}

/** `normalizeStream` fed as a user feeds it a file: a Readable of 64 KiB byte chunks. */
async function streamed(chunks: readonly Buffer[]): Promise<number> {
  let events = 0
  for await (const item of normalizeStream(altcraftHistoryAdapter, Readable.from(chunks))) {
    if (!item.success || item.counts.rejected !== 0)
      throw new Error('benchmark input did not normalize cleanly')
    events += item.events.length
  }
  if (events !== JSON_RECORDS) throw new Error(`${events} of ${JSON_RECORDS} events`)
  return events
}

interface Case {
  readonly path: string
  readonly format: 'json' | 'ndjson' | 'xml'
  readonly pipeline: string
  readonly records: number
  readonly run: () => unknown
}

const cases: Case[] = [
  {
    path: 'JSON.parse(text) + JSON.stringify per record',
    format: 'json',
    pipeline: 'floor',
    records: JSON_RECORDS,
    run: () =>
      (JSON.parse(jsonText) as { data: unknown[] }).data.map((record) => JSON.stringify(record)),
  },
  {
    path: 'normalize(text), hand-written adapter',
    format: 'json',
    pipeline: 'ceiling',
    records: JSON_RECORDS,
    run: () => checkedNormalize(jsonText, JSON_RECORDS, handWrittenHistoryAdapter),
  },
  {
    path: 'normalize(text)',
    format: 'json',
    pipeline: 'normalize',
    records: JSON_RECORDS,
    run: () => checkedNormalize(jsonText, JSON_RECORDS),
  },
  {
    path: 'normalize(text)',
    format: 'ndjson',
    pipeline: 'normalize',
    records: JSON_RECORDS,
    run: () => checkedNormalize(ndjsonText, JSON_RECORDS),
  },
  {
    path: 'normalizeStream(64 KiB chunks)',
    format: 'ndjson',
    pipeline: 'stream',
    records: JSON_RECORDS,
    run: () => streamed(ndjsonChunks),
  },
  {
    path: 'normalizeStream(64 KiB chunks)',
    format: 'json',
    pipeline: 'stream',
    records: JSON_RECORDS,
    run: () => streamed(jsonChunks),
  },
  {
    path: 'naive: zod + Date',
    format: 'json',
    pipeline: 'naive',
    records: JSON_RECORDS,
    run: () => naive(jsonText),
  },
  {
    path: 'fast-xml-parser alone (defaults)',
    format: 'xml',
    pipeline: 'floor',
    records: XML_RECORDS,
    run: () => new XMLParser().parse(xmlText),
  },
  {
    path: 'normalize(text)',
    format: 'xml',
    pipeline: 'normalize',
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
    await entry.run()
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (round >= WARMUP_ROUNDS) timings.get(entry)?.push(seconds)
  }
}

const rates = new Map(
  cases.map((entry) => [entry, Math.round(entry.records / median(timings.get(entry) ?? []))]),
)
const floorOf = (format: 'json' | 'xml') =>
  rates.get(cases.find((entry) => entry.pipeline === 'floor' && entry.format === format) as Case) ??
  1
const floor = { json: floorOf('json'), ndjson: floorOf('json'), xml: floorOf('xml') }
console.log(
  `altcraft.history: ${JSON_RECORDS} JSON records (${(jsonText.length / 1e6).toFixed(1)} MB, ${Math.round(jsonText.length / JSON_RECORDS)} B each), ` +
    `${XML_RECORDS} XML records (${(xmlText.length / 1e6).toFixed(1)} MB); Node ${process.version}; median of ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up; ${gc ? 'heap collected before each run' : 'steady heap'}`,
)
console.log(
  `${'path'.padEnd(56)} ${'records/s'.padStart(12)} ${'µs/record'.padStart(10)} ${'% of floor'.padStart(11)}`,
)
for (const entry of cases) {
  const rate = rates.get(entry) ?? 0
  const share = ((rate / floor[entry.format]) * 100).toFixed(1)
  console.log(
    `${`${entry.path} (${entry.format})`.padEnd(56)} ${String(rate).padStart(12)} ${(1e6 / rate).toFixed(2).padStart(10)} ${share.padStart(10)}%`,
  )
}
for (const entry of cases) {
  console.log(
    JSON.stringify({
      bench: true,
      node: process.version,
      feed: FEED,
      format: entry.format,
      pipeline: entry.pipeline,
      path: entry.path,
      records: entry.records,
      recordsPerSecond: rates.get(entry),
    }),
  )
}
