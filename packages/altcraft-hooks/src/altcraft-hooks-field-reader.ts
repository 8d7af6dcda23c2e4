import type { RejectionReason } from '@evnorm/core'
import {
  exceedsNestingDepth,
  type FieldPath,
  type Instant,
  invalidField,
  isRecord,
  MAX_NESTING_DEPTH,
  parseRfc3339,
  pathText,
  quote,
  RecordRejectionError,
  reject,
} from '@evnorm/core/adapter'

/** A hook message field value, as JSON gives it. */
type Fields = Readonly<Record<string, unknown>>

const NEGATIVE_INTEGER = /^-\d+$/

/**
 * Reads typed fields of one hook message. Each method takes the field's value and its name
 * (for messages). Sentinels (`null`, `""`, id `0`) read as undefined. A field of the wrong
 * type throws the kit's `RecordRejectionError`, which the adapter's `normalize` returns as
 * the record's rejection: fields are read in a fixed order, so the first wrong one is named.
 */
export class FieldReader {
  /** Vendor values without a canonical home, by field path text, for the event's `extra`. */
  kept: Record<string, unknown> | undefined = undefined

  /** Keeps a value the mapping cannot place (e.g. a phone that does not normalize). */
  keep(path: FieldPath, value: unknown): void {
    this.kept ??= {}
    this.kept[pathText(path)] = value
  }

  /** Rejects the record: throws the kit's `RecordRejectionError`. */
  fail(reason: RejectionReason, path: FieldPath, message: string): never {
    throw new RecordRejectionError(reject(reason, path, message))
  }

  /** Rejects a field of the wrong type. */
  wrongType(at: FieldPath, key: string | number, value: unknown, expected: string): never {
    throw new RecordRejectionError(invalidField([...at, key], value, expected))
  }

  /**
   * A vendor id: a non-negative integer becomes its decimal string, a string is kept as given
   * (exact big integers arrive as decimal strings) unless it is a negative integer's text, as
   * a negative number is rejected; `0`, `"0"`, `""` and `null` are absent.
   */
  id(value: unknown, key: string, at: FieldPath): string | undefined {
    if (typeof value === 'number') {
      if (Number.isSafeInteger(value) && value > 0) return String(value)
      if (value === 0) return undefined
      if (Number.isInteger(value) && value > 0) return this.#rounded(value, key, at)
    } else if (typeof value === 'string') {
      if (value === '' || value === '0') return undefined
      if (!NEGATIVE_INTEGER.test(value)) return value
    } else if (value === undefined || value === null) {
      return undefined
    }
    return this.wrongType(at, key, value, 'a non-negative integer id, as a number or a string')
  }

  #rounded(value: number, key: string, at: FieldPath): never {
    const path = [...at, key]
    return this.fail(
      'imprecise_integer',
      path,
      `${pathText(path)} is the number ${value}, above 2^53, so it was rounded when the JSON was parsed; pass the body text or bytes instead (evnorm reads big integers exactly)`,
    )
  }

  /** A string; `""` and `null` are absent. */
  text(value: unknown, key: string, at: FieldPath): string | undefined {
    if (typeof value === 'string') return value === '' ? undefined : value
    if (value === undefined || value === null) return undefined
    return this.wrongType(at, key, value, 'a string')
  }

  /** An RFC 3339 date-time, as written (checked, not converted); `""` and `null` are absent. */
  time(value: unknown, key: string, at: FieldPath): string | undefined {
    const text = this.text(value, key, at)
    if (text !== undefined) this.instant(text, key, at)
    return text
  }

  /** The instant of an RFC 3339 date-time text; an `invalid_time` rejection otherwise. */
  instant(text: string, key: string, at: FieldPath): Instant {
    const parsed = parseRfc3339(text)
    if (parsed.success) return parsed.instant
    const path = [...at, key]
    return this.fail(
      'invalid_time',
      path,
      `${pathText(path)} is ${quote(text)}, not an RFC 3339 date-time: ${parsed.message}`,
    )
  }

  /** A string, or a finite number read as its decimal text (e.g. a numeric postal code). */
  label(value: unknown, key: string, at: FieldPath): string | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    return this.text(value, key, at)
  }

  /** An integer; `null` is absent. */
  integer(value: unknown, key: string, at: FieldPath): number | undefined {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value
    if (value === undefined || value === null) return undefined
    return this.wrongType(at, key, value, 'an integer within ±(2^53−1)')
  }

  /** A finite number within `[-limit, limit]` (latitude, longitude); `null` is absent. */
  coordinate(value: unknown, key: string, at: FieldPath, limit: number): number | undefined {
    if (typeof value === 'number' && value >= -limit && value <= limit) return value
    if (value === undefined || value === null) return undefined
    return this.wrongType(at, key, value, `a number from -${limit} to ${limit}`)
  }

  /** A boolean; `null` is absent. */
  boolean(value: unknown, key: string, at: FieldPath): boolean | undefined {
    if (typeof value === 'boolean') return value
    if (value === undefined || value === null) return undefined
    return this.wrongType(at, key, value, 'true or false')
  }

  /**
   * A value copied verbatim into the event (`custom_data`, `ccsub`, `destination`), rejected
   * when it nests deeper than `MAX_NESTING_DEPTH` levels: evnorm emits no verbatim value deeper.
   */
  verbatim<T>(value: T, key: string, at: FieldPath): T | undefined {
    if (!exceedsNestingDepth(value)) return value
    const path = [...at, key]
    return this.fail(
      'invalid_field',
      path,
      `${pathText(path)} nests arrays and objects more than ${MAX_NESTING_DEPTH} levels deep; expected at most ${MAX_NESTING_DEPTH} levels (it is copied verbatim into the event)`,
    )
  }

  /** A JSON object; `null` is absent. */
  object(value: unknown, key: string, at: FieldPath): Fields | undefined {
    if (isRecord(value)) return value
    if (value === undefined || value === null) return undefined
    return this.wrongType(at, key, value, 'an object')
  }
}
