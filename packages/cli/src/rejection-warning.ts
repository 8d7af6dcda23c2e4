import { formatCount } from './format-number.js'
import type { FileReport } from './run-summary.js'

/** The share of a file's records rejected from which the run warns of a likely wrong feed. */
export const MOSTLY_REJECTED = 0.9

/**
 * One warning per input whose records were {@link MOSTLY_REJECTED} or more rejected: most often
 * the input is of another feed than the one it was read as (a wrong `--source`).
 */
export function rejectionWarnings(files: readonly FileReport[]): string[] {
  return files
    .filter((file) => file.records > 0 && file.rejected >= MOSTLY_REJECTED * file.records)
    .map(
      (file) =>
        `${file.file}: ${Math.floor((file.rejected / file.records) * 100)}% of ` +
        `${formatCount(file.records)} records rejected reading it as ${file.source}; ` +
        `is that its feed? choose one with --source ('evnorm sources' lists them)`,
    )
}
