import { readFileSync } from 'node:fs'
import { type CanonicalEvent, normalize, type Rejection } from '@evnorm/core'
import { smailyLogAdapter } from '@evnorm/smaily-log'

/** Smaily rows as NDJSON, one every minute from 2025-05-01, `bad` of them with a broken time. */
export function smailyText(count: number, bad: number): string {
  const lines: string[] = []
  for (let index = 0; index < count; index += 1) {
    const minute = new Date(Date.UTC(2025, 4, 1) + index * 60_000).toISOString()
    const time = index < bad ? 'not a time' : `${minute.slice(0, 10)} ${minute.slice(11, 19)}`
    lines.push(
      `{"seq_id":${18014398509481985n + BigInt(index)},"email":"user${index % 97}@example.ee","time":"${time}","campaign_id":${index % 5},"action":"${index % 3 === 0 ? 'view' : 'send'}","value":""}`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** The events and rejections the Smaily adapter gives for {@link smailyText}. */
export function smailyBatch(
  count: number,
  bad: number,
): { text: string; events: readonly CanonicalEvent[]; rejections: readonly Rejection[] } {
  const text = smailyText(count, bad)
  const result = normalize(smailyLogAdapter, text, { format: 'ndjson' })
  if (!result.success) throw result.error
  return { text, events: result.events, rejections: result.rejections }
}

/** The events of the Altcraft hooks documented batch (nanosecond instants). */
export function hookEvents(): CanonicalEvent[] {
  const url = new URL(
    '../../altcraft-hooks/src/__fixtures__/documented-batch.events.json',
    import.meta.url,
  )
  return JSON.parse(readFileSync(url, 'utf8')) as CanonicalEvent[]
}
