import type { RecordRejectionError } from '@evnorm/core/adapter'

const PARSE_PROBLEMS = Symbol('evnorm.altcraft-history.parse-problems')

/**
 * Marks a record that `parse` could only read in part (e.g. a CSV cell holding broken JSON):
 * normalizing it gives the problem's rejection when the field at the problem's path (`[]`
 * for the record as a whole) is read. The marks are a hidden property, so the record stays
 * the rejection's raw value.
 */
export function markParseProblem(record: object, problem: RecordRejectionError): void {
  const marked = parseProblemsOf(record)
  if (marked !== undefined) {
    marked.push(problem)
    return
  }
  Object.defineProperty(record, PARSE_PROBLEMS, { value: [problem], enumerable: false })
}

/** The problems {@link markParseProblem} put on a record, in the order they were marked. */
export function parseProblemsOf(record: object): RecordRejectionError[] | undefined {
  const problems: unknown = (record as { [PARSE_PROBLEMS]?: unknown })[PARSE_PROBLEMS]
  return Array.isArray(problems) ? problems : undefined
}
