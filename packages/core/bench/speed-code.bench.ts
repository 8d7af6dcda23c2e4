import { hash } from 'node:crypto'
import { EVNORM_ID_NAMESPACE, eventId, uuidV5 } from '../src/helpers/event-id.js'
import { parseJsonLossless } from '../src/helpers/lossless-json.js'

/**
 * Each piece of hand-written speed code in core against the simple alternative that gives the
 * same output, on the same input, in interleaved rounds (median): run it on every Node the
 * project supports (`pnpm bench` in packages/core; `BENCH_ROUNDS`, `BENCH_RECORDS` to change).
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const WARMUP_ROUNDS = 2

const namespaceBytes = Buffer.from(EVNORM_ID_NAMESPACE.replaceAll('-', ''), 'hex')

/** UUID v5 through `node:crypto`'s one-shot `hash`: the simple alternative to the JS SHA-1. */
function nativeUuidV5(name: string): string {
  const hex = hash('sha1', Buffer.concat([namespaceBytes, Buffer.from(name)]), 'hex')
  const variant = '89ab'[Number.parseInt(hex[16] as string, 16) & 3]
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const smailyParts = Array.from({ length: RECORDS }, (_, index) => [
  (18_014_398_509_481_985n + BigInt(index)).toString(),
])
const hookParts = Array.from({ length: RECORDS }, (_, index) => [
  index % 2 === 0 ? 'uopen' : 'deliv',
  `2025-03-30T01:00:${String(index % 60).padStart(2, '0')}.${String(index).padStart(9, '0')}Z`,
  '23',
  index.toString(16).padStart(24, '0'),
  `5a9bf01a17_3cd_11_6f_0_2.${index.toString(16).padStart(24, '0')}`,
  `fQIQs4FgAAEBIcARAxDxAQAAEJECFQADuZJygDTgWXpQ_BVrkejVzu2bsMzQ3NDkxODlKR8-${index.toString(16)}`,
  '00000017000003cd5a9bf01a',
  index % 2 === 0 ? `https://shop.example/item/${index % 1000}` : null,
  null,
  null,
  null,
  null,
  null,
  null,
])
const smailyNames = smailyParts.map((parts) => JSON.stringify(['smaily.history', ...parts]))
const hookNames = hookParts.map((parts) => JSON.stringify(['altcraft.hooks', ...parts]))

const records = Array.from({ length: RECORDS / 10 }, (_, index) => ({
  seq_id: 18_014_398_509_481_985n + BigInt(index),
  email: `user${index}@example.ee`,
  time: '2025-05-01 12:00:00',
  action: 'view',
  value: 'Windows 10; Outlook 2019; 192.0.2.1; EE — ä ö ü',
}))
const jsonWithBigIds = `[${records.map((record) => JSON.stringify({ ...record, seq_id: 0 }).replace('"seq_id":0', `"seq_id":${record.seq_id}`)).join(',')}]`

function each<T>(items: readonly T[], run: (item: T) => string): number {
  let length = 0
  for (const item of items) length += run(item).length
  return length
}

interface Pair {
  readonly piece: string
  readonly input: string
  readonly count: number
  readonly handWritten: () => unknown
  readonly simple: () => unknown
  readonly simpleName: string
}

const pairs: Pair[] = [
  {
    piece: 'JS SHA-1 (uuidV5 of names ≤ 247 bytes)',
    input: 'Smaily names, ~40 B',
    count: RECORDS,
    handWritten: () => each(smailyNames, (name) => uuidV5(name)),
    simple: () => each(smailyNames, nativeUuidV5),
    simpleName: 'crypto.hash("sha1")',
  },
  {
    piece: 'JS SHA-1 (uuidV5 of names ≤ 247 bytes)',
    input: 'hook names, ~230 B',
    count: RECORDS,
    handWritten: () => each(hookNames, (name) => uuidV5(name)),
    simple: () => each(hookNames, nativeUuidV5),
    simpleName: 'crypto.hash("sha1")',
  },
  {
    piece: 'eventId name writer + JS SHA-1',
    input: 'Smaily parts',
    count: RECORDS,
    handWritten: () => each(smailyParts, (parts) => eventId('smaily.history', parts)),
    simple: () =>
      each(smailyParts, (parts) => nativeUuidV5(JSON.stringify(['smaily.history', ...parts]))),
    simpleName: 'JSON.stringify + crypto.hash',
  },
  {
    piece: 'eventId name writer + JS SHA-1',
    input: 'hook parts',
    count: RECORDS,
    handWritten: () => each(hookParts, (parts) => eventId('altcraft.hooks', parts)),
    simple: () =>
      each(hookParts, (parts) => nativeUuidV5(JSON.stringify(['altcraft.hooks', ...parts]))),
    simpleName: 'JSON.stringify + crypto.hash',
  },
  {
    piece: 'parseJsonLossless (quote unsafe integers, JSON.parse)',
    input: 'JSON array, a 17-digit id per record',
    count: records.length,
    handWritten: () => parseJsonLossless(jsonWithBigIds),
    simple: () => JSON.parse(jsonWithBigIds),
    simpleName: 'JSON.parse (loses the ids: the cost, not a gain)',
  },
]

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

for (const [index, name] of smailyNames.slice(0, 1000).entries()) {
  if (
    uuidV5(name) !== nativeUuidV5(name) ||
    uuidV5(hookNames[index] as string) !== nativeUuidV5(hookNames[index] as string)
  )
    throw new Error('the two UUID v5 paths disagree')
}

const timings = new Map<string, number[]>()
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (const pair of pairs) {
    for (const [side, run] of [
      ['hand-written', pair.handWritten],
      ['simple', pair.simple],
    ] as const) {
      const started = performance.now()
      run()
      const millis = performance.now() - started
      const key = `${pair.piece}|${pair.input}|${side}`
      if (round >= WARMUP_ROUNDS) timings.set(key, [...(timings.get(key) ?? []), millis])
    }
  }
}

console.log(
  `Node ${process.version}: median of ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up`,
)
console.log('| piece | input | hand-written ns/item | simple alternative | simple ns/item | gain |')
console.log('|---|---|---:|---|---:|---:|')
for (const pair of pairs) {
  const ns = (side: string) =>
    (median(timings.get(`${pair.piece}|${pair.input}|${side}`) ?? []) * 1e6) / pair.count
  const mine = ns('hand-written')
  const simple = ns('simple')
  console.log(
    `| ${pair.piece} | ${pair.input} | ${mine.toFixed(0)} | ${pair.simpleName} | ${simple.toFixed(0)} | ${(simple / mine).toFixed(2)}× |`,
  )
}
