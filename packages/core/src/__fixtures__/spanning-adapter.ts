import type { Adapter, EvidenceStep } from '../model/adapter.js'
import { createExampleAdapter } from './example-adapter.js'

const example = createExampleAdapter()

function stepOf(record: unknown): EvidenceStep {
  const step = (record as { step?: unknown } | null)?.step
  return step === 'open' || step === 'join' ? step : 'alone'
}

/**
 * The example adapter with evidence spans: records say their own step (`step: "open"`,
 * `"join"`, else alone); each event records how many records its `analyzeBatch` saw (0 for a
 * lone record, which is not analyzed) and its index in that batch.
 */
export const spanningAdapter: Adapter<number> = {
  ...example,
  analyzeBatch: (records) => records.length,
  evidenceSpans: () => stepOf,
  normalize(record, context) {
    const result = example.normalize(record, { ...context, hints: undefined })
    if (!result.success) return result
    const extra = { span: context.hints, at: context.batchIndex }
    return { success: true, events: result.events.map((event) => ({ ...event, extra })) }
  },
}
