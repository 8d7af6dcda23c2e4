import { type CanonicalEvent, findEventProblem, normalize, normalizeRecords } from '@evnorm/core'
import { eventId, parseJsonLossless } from '@evnorm/core/adapter'
import { smailyLogAdapter } from '../src/index.js'
import { buildRows, historyJson } from './smaily-rows.js'

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/**
 * Where the time of `normalize(smailyLogAdapter, text)` goes, step by step, as process CPU
 * time per row (robust on a shared machine) next to `JSON.parse` of the same text. Run with
 * `node --expose-gc --import tsx bench/smaily-log-breakdown.ts` so each step starts after a
 * full collection.
 */
async function main(): Promise<void> {
  const json = historyJson(buildRows(RECORDS))
  const parsed = parseJsonLossless(json)
  if (!parsed.success) throw new Error(parsed.message)
  const rows = parsed.value as unknown[]
  const seqIds = rows.map((row) => (row as { seq_id: string }).seq_id)
  const events: CanonicalEvent[] = [...normalizeRecords(smailyLogAdapter, rows).events]
  const steps: [string, () => unknown][] = [
    ['JSON.parse(text)', () => JSON.parse(json)],
    ['core parseJsonLossless(text)', () => parseJsonLossless(json)],
    ['adapter.analyzeBatch(rows)', () => smailyLogAdapter.analyzeBatch?.(rows)],
    [
      'adapter.normalize per row, results kept',
      () =>
        rows.map((row, index) =>
          smailyLogAdapter.normalize(row, { index, batchIndex: index, hints: undefined }),
        ),
    ],
    [
      'core eventId([seq_id]) per row',
      () => seqIds.map((seqId) => eventId('smaily.history', [seqId])),
    ],
    ['core findEventProblem(event) per event', () => events.map(findEventProblem)],
    [
      'normalizeRecords(rows, { validate: false })',
      () => normalizeRecords(smailyLogAdapter, rows, { validate: false }),
    ],
    ['normalizeRecords(rows)', () => normalizeRecords(smailyLogAdapter, rows)],
    [
      'normalize(text, { validate: false })',
      () => normalize(smailyLogAdapter, json, { validate: false }),
    ],
    ['normalize(text)', () => normalize(smailyLogAdapter, json)],
  ]
  const gc = (globalThis as { gc?: () => void }).gc
  const cpu = new Map<string, number[]>()
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [label, step] of steps) {
      gc?.()
      await new Promise((resolve) => setTimeout(resolve, 100))
      const start = process.cpuUsage()
      step()
      const used = process.cpuUsage(start)
      if (round > 0)
        cpu.set(label, [...(cpu.get(label) ?? []), (used.user + used.system) / RECORDS])
    }
  }
  const floor = median(cpu.get('JSON.parse(text)') ?? [])
  console.log(
    `\nsmaily.history: ${RECORDS} rows, CPU ns per row, median of ${ROUNDS} rounds${gc ? '' : ' (run with --expose-gc for clean steps)'}\n`,
  )
  console.log('| step | CPU ns/row | × JSON.parse |')
  console.log('|---|---:|---:|')
  for (const [label, values] of cpu) {
    const perRow = median(values) * 1000
    console.log(`| ${label} | ${perRow.toFixed(0)} | ${(median(values) / floor).toFixed(2)} |`)
  }
}

await main()
