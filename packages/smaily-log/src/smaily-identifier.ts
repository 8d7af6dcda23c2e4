import type { RejectionReason } from '@evnorm/core'
import { describeValue } from '@evnorm/core/adapter'

/** Why a value is not an identifier. */
export interface IdentifierProblem {
  readonly reason: RejectionReason
  readonly message: string
}

const UINT64_MAX = '18446744073709551615'
const DECIMAL = /^[0-9]+$/

function fitsUint64(digits: string): boolean {
  return (
    digits.length < UINT64_MAX.length ||
    (digits.length === UINT64_MAX.length && digits <= UINT64_MAX)
  )
}

/** Orders two canonical uint64 decimal strings (as {@link readUnsignedId} returns them) by value. */
export function compareUnsignedIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a === b ? 0 : a < b ? -1 : 1
}

function canonical(digits: string): string {
  const start = digits.search(/[1-9]/)
  return start === -1 ? '0' : start === 0 ? digits : digits.slice(start)
}

/**
 * Reads an unsigned 64-bit integer id (Smaily `seq_id`, `campaign_id`) as an exact decimal
 * string without leading zeros (or says why it is not one): a safe integer number, a bigint, or a decimal string (what
 * core's lossless JSON parser makes of integers above 2^53). A number above 2^53 was already
 * rounded by `JSON.parse`: `imprecise_integer`. Anything else: `invalid_field`.
 */
export function readUnsignedId(value: unknown, field: string): string | IdentifierProblem {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return String(value)
    if (Number.isInteger(value) && value > 0) {
      return {
        reason: 'imprecise_integer',
        message: `${field} ${value} is above 2^53 and was already rounded by JSON.parse; pass the response text (or bytes) so it is read exactly`,
      }
    }
    return invalid(field, String(value))
  }
  if (typeof value === 'bigint') {
    return value >= 0n && fitsUint64(value.toString())
      ? value.toString()
      : invalid(field, `${value}n`)
  }
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const digits = canonical(value)
    if (fitsUint64(digits)) return digits
  }
  return invalid(field, describeValue(value))
}

function invalid(field: string, found: string): IdentifierProblem {
  return {
    reason: 'invalid_field',
    message: `${field} is ${found}; expected an unsigned 64-bit integer (0 to ${UINT64_MAX})`,
  }
}
