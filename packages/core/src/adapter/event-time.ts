import { type Instant, parseRfc3339 } from '../helpers/instant.js'
import type { LocalTimeConverter } from '../helpers/local-time.js'
import type { CanonicalEvent } from '../model/canonical-event-schema.js'
import {
  type FieldPath,
  invalidField,
  missingField,
  type Read,
  readValue,
  reject,
} from './record-rejection.js'

/** When an event happened: the instant, and how the vendor wrote it (`source.time`). */
export interface EventTime {
  /** The instant, in UTC, with nanoseconds. */
  readonly instant: Instant
  /** The vendor's time as received, its zone and any DST ambiguity. */
  readonly source: CanonicalEvent['source']['time']
}

const MAX_EPOCH_MS = 253_402_300_799_999

function fromEpochMs(epochMs: number, nanos: number, raw: string): EventTime | undefined {
  if (!Number.isSafeInteger(epochMs) || epochMs < 0 || epochMs > MAX_EPOCH_MS) return undefined
  return { instant: { epochMs, nanos }, source: { raw } }
}

function readUnix(value: unknown, path: FieldPath, unitMs: number, unit: string): Read<EventTime> {
  if (value === undefined || value === null || value === '') return missingField(path, unit)
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string' || !/^\d{1,16}(?:\.\d{1,9})?$/.test(text))
    return invalidField(path, value, unit)
  const [whole = '', fraction = ''] = text.split('.')
  const digits = fraction.padEnd(9, '0')
  const fractionMs = unitMs === 1 ? 0 : Number(digits.slice(0, 3))
  const nanos = unitMs === 1 ? Number(digits.slice(0, 6)) : Number(digits.slice(3, 9))
  const time = fromEpochMs(Number(whole) * unitMs + fractionMs, nanos, text)
  return time === undefined
    ? invalidField(path, value, `${unit} within years 1970-9999`)
    : readValue(time)
}

/**
 * Reads Unix epoch seconds (a number or decimal text, fraction kept to the nanosecond); the
 * raw value is kept as text in `source.time.raw`.
 */
export function readUnixSeconds(value: unknown, path: FieldPath): Read<EventTime> {
  return readUnix(value, path, 1000, 'Unix seconds')
}

/** Reads Unix epoch milliseconds (a number or decimal text, fraction kept to the nanosecond). */
export function readUnixMilliseconds(value: unknown, path: FieldPath): Read<EventTime> {
  return readUnix(value, path, 1, 'Unix milliseconds')
}

/** Reads an RFC 3339 date-time with an offset, keeping up to nine fraction digits. */
export function readRfc3339Time(value: unknown, path: FieldPath): Read<EventTime> {
  if (value === undefined || value === null || value === '')
    return missingField(path, 'an RFC 3339 date-time')
  if (typeof value !== 'string') return invalidField(path, value, 'an RFC 3339 date-time')
  const parsed = parseRfc3339(value)
  if (!parsed.success) return reject('invalid_time', path, `${value}: ${parsed.message}`)
  return readValue({ instant: parsed.instant, source: { raw: value } })
}

/**
 * Reads a zone-less local time with `converter` (see `createLocalTimeConverter`): the zone,
 * and the DST case and its resolution when the time was repeated or skipped, go to
 * `source.time`; a time the converter's policy refuses is rejected with its reason.
 */
export function readLocalTime(
  value: unknown,
  path: FieldPath,
  converter: LocalTimeConverter,
): Read<EventTime> {
  if (value === undefined || value === null || value === '')
    return missingField(path, 'a local time')
  if (typeof value !== 'string') return invalidField(path, value, 'a local time')
  const converted = converter.convert(value)
  if (!converted.success) return reject(converted.reason, path, converted.message)
  return readValue({
    instant: converted.instant,
    source: {
      raw: value,
      zone: converter.zone,
      ...(converted.dst === undefined ? {} : { dst: converted.dst }),
      ...(converted.resolution === undefined ? {} : { resolution: converted.resolution }),
    },
  })
}
