import { type CanonicalEvent, normalize } from '@evnorm/core'
import type { SinkUnit } from '@evnorm/core/sink'
import { smailyLogAdapter } from '@evnorm/smaily-log'
import { buildRows, historyJson } from '../../smaily-log/bench/smaily-rows.js'

/**
 * A unit of real Smaily events: `count` generated history.php rows normalized by the Smaily
 * adapter, plus `bad` rows with an unreadable time, which become rejections.
 */
export function smailyUnit(
  count: number,
  bad = 0,
  origin = 'history.json',
): SinkUnit & { readonly events: readonly CanonicalEvent[] } {
  const rows = [
    ...buildRows(count),
    ...Array.from({ length: bad }, (_, index) => ({ ...buildRows(1)[0], time: `soon ${index}` })),
  ]
  const result = normalize(smailyLogAdapter, historyJson(rows))
  if (!result.success) throw result.error
  return { events: result.events, rejections: result.rejections, origin }
}
