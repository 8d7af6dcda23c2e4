import { exceedsNestingDepth, MAX_NESTING_DEPTH } from '../helpers/nesting-depth.js'
import { invalidField, type Read, readValue } from './record-rejection.js'

/**
 * The record's fields that have no canonical place, verbatim, for `extra`: every own key not
 * in `mapped` (the fields the adapter read into canonical fields) nor in `dropped` (the fields
 * its README lists as left out). Keys such as `__proto__` are kept as plain keys. Undefined
 * when nothing is left; a rejection when a value nests deeper than `MAX_NESTING_DEPTH`.
 */
export function collectExtra(
  record: Readonly<Record<string, unknown>>,
  mapped: ReadonlySet<string>,
  dropped: ReadonlySet<string> = new Set(),
): Read<Record<string, unknown> | undefined> {
  let extra: Record<string, unknown> | undefined
  for (const key of Object.keys(record)) {
    if (mapped.has(key) || dropped.has(key)) continue
    const value = record[key]
    if (value === undefined) continue
    if (exceedsNestingDepth(value, MAX_NESTING_DEPTH - 1))
      return invalidField([key], value, `a value nested at most ${MAX_NESTING_DEPTH} levels deep`)
    extra ??= {}
    Object.defineProperty(extra, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return readValue(extra)
}
