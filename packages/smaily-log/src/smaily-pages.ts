import { describePosition, parseJsonLossless } from '@evnorm/core/adapter'

/** Rows read from several pages, each located as `page P $[i]` (P from 1). */
export interface PagedRows {
  readonly records: unknown[]
  readonly locate: (index: number) => string
}

/** Why a page of a multi-page text is not JSON, with where. */
export interface PageProblem {
  readonly message: string
  readonly location: string
}

const OPEN = 91
const CLOSE = 93
const QUOTE = 34
const BACKSLASH = 92

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9
}

/**
 * The `[start, end)` ranges of the top-level arrays of a text holding two or more of them,
 * separated by nothing or whitespace (`[…][…]`, `[…]\n[…]`); undefined when the text is
 * anything else. Linear: brackets are counted outside strings, nothing is parsed.
 */
export function topLevelArrays(text: string): [number, number][] | undefined {
  const ranges: [number, number][] = []
  let depth = 0
  let start = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === BACKSLASH) i++
      else if (code === QUOTE) inString = false
    } else if (depth === 0) {
      if (code === OPEN) {
        depth = 1
        start = i
      } else if (!isWhitespace(code)) return undefined
    } else if (code === QUOTE) inString = true
    else if (code === OPEN) depth++
    else if (code === CLOSE && --depth === 0) ranges.push([start, i + 1])
  }
  return depth === 0 && !inString && ranges.length > 1 ? ranges : undefined
}

/**
 * Reads each range of `text` (a bracketed array, from {@link topLevelArrays}) as one page with
 * core's lossless parser (64-bit `seq_id`s stay exact) and flattens the pages in order; the
 * first page that is not valid JSON is a problem naming it.
 */
export function readPages(
  text: string,
  ranges: readonly [number, number][],
): PagedRows | PageProblem {
  const pages: unknown[][] = []
  for (const [page, [start, end]] of ranges.entries()) {
    const parsed = parseJsonLossless(text.slice(start, end))
    if (!parsed.success) {
      const at = parsed.position === undefined ? start : start + parsed.position
      return {
        message: `page ${page + 1}: ${parsed.message}`,
        location: describePosition(text, at),
      }
    }
    pages.push(parsed.value as unknown[])
  }
  return flattenPages(pages)
}

/** Whether a parsed array is a list of pages: not empty, and every element an array. */
export function isPageList(value: readonly unknown[]): value is readonly unknown[][] {
  return value.length > 0 && value.every(Array.isArray)
}

/** The rows of `pages` in order, each located as `page P $[i]`. */
export function flattenPages(pages: readonly (readonly unknown[])[]): PagedRows {
  const records: unknown[] = []
  const pageOf: number[] = []
  const startOf: number[] = []
  for (const [page, rows] of pages.entries()) {
    for (const row of rows) {
      records.push(row)
      pageOf.push(page)
    }
    startOf.push(records.length - rows.length)
  }
  return {
    records,
    locate: (index) => {
      const page = pageOf[index] ?? 0
      return `page ${page + 1} $[${index - (startOf[page] ?? 0)}]`
    },
  }
}
