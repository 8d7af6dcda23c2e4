import type { RejectionReason } from '@evnorm/core'

/** Why a history record cannot become an event; thrown by the readers, caught by `normalize`. */
export class AltcraftRecordProblem {
  /** Stable rejection reason. */
  readonly reason: RejectionReason
  /** Readable message naming the field, what was found and what was expected. */
  readonly message: string
  /** Path of the offending field inside the record. */
  readonly path: readonly (string | number)[]

  constructor(reason: RejectionReason, message: string, path: readonly (string | number)[]) {
    this.reason = reason
    this.message = message
    this.path = path
  }
}

const PARSE_PROBLEMS = Symbol('evnorm.altcraft-history.parse-problems')

/**
 * Marks a record that `parse` could only read in part (e.g. a CSV cell holding broken JSON):
 * normalizing it gives the problem's rejection when the field at the problem's path (`[]`
 * for the record as a whole) is read. The marks are a hidden property, so the record stays
 * the rejection's raw value.
 */
export function markParseProblem(record: object, problem: AltcraftRecordProblem): void {
  const marked = parseProblemsOf(record)
  if (marked !== undefined) {
    marked.push(problem)
    return
  }
  Object.defineProperty(record, PARSE_PROBLEMS, { value: [problem], enumerable: false })
}

/** The problems {@link markParseProblem} put on a record, in the order they were marked. */
export function parseProblemsOf(record: object): AltcraftRecordProblem[] | undefined {
  const problems: unknown = (record as { [PARSE_PROBLEMS]?: unknown })[PARSE_PROBLEMS]
  return Array.isArray(problems) ? problems : undefined
}
