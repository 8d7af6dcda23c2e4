import type { BatchResult } from '@evnorm/core'
import { compareUnsignedIds, readUnsignedId } from './smaily-identifier.js'

function later(a: string | undefined, b: string): string {
  return a === undefined || compareUnsignedIds(a, b) < 0 ? b : a
}

function seqIdOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const id = readUnsignedId((raw as { seq_id?: unknown }).seq_id, 'seq_id')
  return typeof id === 'string' ? id : undefined
}

/**
 * The `since_seq_id` for the next history.php request: the largest `seq_id` of a result (or of
 * a stream batch), over its events' `source.recordId` **and** its rejections' `raw.seq_id`, so
 * a page whose rows were all rejected still moves the cursor on (its rows are in
 * `rejections`); or the largest `seq_id` of rows (e.g. the rows a `createNormalizeRun` holds
 * back). Compared exactly as unsigned 64-bit integers, returned as a decimal string
 * without leading zeros. `previous` (the cursor the page was fetched with) is the floor;
 * without it, undefined when nothing in the result carries a `seq_id` (an empty page, or
 * time-window rows). A rejection whose `seq_id` is not a valid exact id (e.g. a number JSON.parse
 * already rounded) cannot count. Throws TypeError when `previous` is not a uint64.
 */
export function nextSmailyCursor(
  result: Pick<BatchResult, 'events' | 'rejections'> | readonly unknown[],
  previous?: string | number | bigint,
): string | undefined {
  let cursor: string | undefined
  if (previous !== undefined) {
    const floor = readUnsignedId(previous, 'previous')
    if (typeof floor !== 'string') throw new TypeError(`nextSmailyCursor: ${floor.message}`)
    cursor = floor
  }
  if (isRows(result)) return largestSeqId(result, cursor)
  for (const event of result.events) {
    const id = event.source.idBasis === 'vendor' ? event.source.recordId : undefined
    if (id !== undefined) cursor = later(cursor, id)
  }
  return largestSeqId(
    result.rejections.map((rejection) => rejection.raw),
    cursor,
  )
}

function largestSeqId(rows: readonly unknown[], floor: string | undefined): string | undefined {
  let cursor = floor
  for (const row of rows) {
    const id = seqIdOf(row)
    if (id !== undefined) cursor = later(cursor, id)
  }
  return cursor
}

function isRows(
  result: Pick<BatchResult, 'events' | 'rejections'> | readonly unknown[],
): result is readonly unknown[] {
  return Array.isArray(result)
}
