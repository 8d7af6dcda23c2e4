import type { AnyAdapter, InputFormat } from '../model/adapter.js'
import type { BatchResult } from '../model/outcome.js'
import { parseWhole } from './json-elements.js'
import type { NormalizeResult } from './normalize.js'
import { type RecordOptions, RecordRunner } from './record-runner.js'

/**
 * One run over several inputs, e.g. the pages of a pull API: the evidence an adapter shares
 * between records (see `Adapter.evidenceSpans`) spans the inputs as it would in one input.
 */
export interface NormalizeRun {
  /**
   * Normalizes the next input (text, bytes or a parsed value) as `normalize` reads it. The
   * result holds the outcomes settled now: records held back from earlier inputs first, then
   * this input's, less those of a span still open at its end (they wait in {@link held}).
   * Records of input P (from 1) are located `page P $[i]` (`page P ` and the parser's
   * locator). A typed error leaves the run as it was; the input still counts as a page.
   */
  push(input: unknown, options?: { readonly format?: InputFormat }): NormalizeResult
  /** The records held back, in input order (empty when none are). */
  readonly held: readonly unknown[]
  /** Ends the run: the outcomes of the held records, settled with the evidence seen so far. */
  end(): BatchResult
}

/**
 * Starts a {@link NormalizeRun}. Pushing inputs one by one gives the outcomes `normalize`
 * gives for the same records in one input (up to locators), whatever the input boundaries.
 */
export function createNormalizeRun(adapter: AnyAdapter, options: RecordOptions = {}): NormalizeRun {
  const runner = new RecordRunner(adapter, options)
  let page = 0
  return {
    push(input, { format } = {}) {
      page++
      const parsed = parseWhole(adapter, input, format)
      if (!parsed.success) return parsed
      if (parsed.format === 'value') runner.checkValues()
      const prefix = `page ${page} `
      const batch = runner.push(parsed.records, (i) => prefix + parsed.locate(i))
      return { success: true, format: parsed.format, ...batch }
    },
    get held() {
      return runner.held
    },
    end: () => runner.end(),
  }
}
