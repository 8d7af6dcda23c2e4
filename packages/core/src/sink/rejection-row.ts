import { createHash } from 'node:crypto'
import type { Rejection } from '../model/outcome.js'

/** A rejection flattened to the columns of `evnorm_rejections`. */
export interface RejectionRow {
  /** Dedup key: the same rejection of the same input always has the same key. */
  readonly key: string
  readonly feed: string
  readonly origin: string
  readonly index: number
  readonly locator: string
  /** The field path as JSON. */
  readonly path: string
  readonly reason: string
  readonly message: string
  /** The raw record as JSON (a string when it could not be read as JSON). */
  readonly raw: string
}

/**
 * The `evnorm_rejections` row of a rejection. Its key is the SHA-256 of the feed, origin,
 * position, locator, reason, path and raw record, so loading the same input again adds no
 * duplicate row while two different bad records never share one.
 */
export function rejectionRow(rejection: Rejection, origin: string): RejectionRow {
  const path = JSON.stringify(rejection.path)
  const raw = rawJson(rejection.raw)
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        rejection.feed,
        origin,
        rejection.index,
        rejection.locator,
        rejection.reason,
        path,
        raw,
      ]),
    )
    .digest('hex')
  return {
    key,
    feed: rejection.feed,
    origin,
    index: rejection.index,
    locator: rejection.locator,
    path,
    reason: rejection.reason,
    message: rejection.message,
    raw,
  }
}

/** JSON of a raw record; big integers become their decimal digits, anything unserializable its description. */
function rawJson(raw: unknown): string {
  try {
    return (
      JSON.stringify(raw, (_key, value) =>
        typeof value === 'bigint' ? value.toString() : value,
      ) ?? 'null'
    )
  } catch (error) {
    return JSON.stringify(`unserializable record: ${(error as Error).message}`)
  }
}
