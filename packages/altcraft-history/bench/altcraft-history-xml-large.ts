import { normalize } from '@evnorm/core'
import { altcraftHistoryAdapter } from '../src/index.js'
import { historyRecord, xmlDocument } from './altcraft-history-records.js'

const TARGET_BYTES = Number(process.env.BENCH_XML_MB ?? 50) * 1e6

const recordBytes =
  xmlDocument([historyRecord(0), historyRecord(1)]).length - xmlDocument([historyRecord(0)]).length
const records = Array.from({ length: Math.ceil(TARGET_BYTES / recordBytes) }, (_, index) =>
  historyRecord(index),
)
const text = xmlDocument(records)
const before = process.memoryUsage().rss
const start = process.hrtime.bigint()
const result = normalize(altcraftHistoryAdapter, text)
const seconds = Number(process.hrtime.bigint() - start) / 1e9
if (!result.success || result.counts.accepted !== records.length)
  throw new Error('the large XML did not normalize cleanly')
const peakMb = process.resourceUsage().maxRSS / 1024
console.log(
  `${(text.length / 1e6).toFixed(1)} MB XML, ${records.length} records: ${seconds.toFixed(1)} s ` +
    `(${Math.round(records.length / seconds)} records/s), ${result.events.length} events; ` +
    `RSS before ${(before / 1e6).toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB`,
)
console.log(
  JSON.stringify({
    bench: true,
    feed: 'altcraft.history',
    format: 'xml',
    pipeline: 'evnorm-50mb',
    records: records.length,
    recordsPerSecond: Math.round(records.length / seconds),
    peakRssMb: Math.round(peakMb),
  }),
)
