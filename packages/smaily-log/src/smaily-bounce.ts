import type { CanonicalEventOf } from '@evnorm/core'

/** `message.bounced` details. */
export type BounceDetails = CanonicalEventOf<'message.bounced'>['details']

/**
 * Smaily's own delivery codes, which are not SMTP replies (https://smaily.com/help/api/general/delivery-response-codes/): `0` never
 * sent, `200` delivered, `1001` unsubscribed in the last campaign, `1002` complained. None
 * says a delivery failed permanently or temporarily, so their bounce class is `unknown`.
 */
export const SMAILY_VENDOR_CODES: ReadonlySet<string> = new Set(['0', '200', '1001', '1002'])

/** An SMTP reply code or enhanced status code, alone or followed by text. */
const SMTP_CODE = /^([2-5]\d\d|[245]\.\d{1,3}\.\d{1,3})(?:[ -]+(\S.*))?$/s

function smtpClass(firstDigit: string | undefined): BounceDetails['class'] {
  return firstDigit === '5' ? 'hard' : firstDigit === '4' ? 'soft' : 'unknown'
}

/**
 * Reads a bounce `value`, trimmed: an SMTP reply code (`550`) or enhanced status code
 * (`5.1.1`), alone or followed by text (`550 5.1.1 user unknown`, `5.7.1 blocked`, whose text
 * becomes the message), gives class hard (5), soft (4) or unknown (2, 3) with
 * `codeKind: 'smtp'`; one of Smaily's own codes 0, 200, 1001, 1002 gives class unknown with
 * `codeKind: 'vendor'`; other digits are a code of unknown kind; other text is the message,
 * verbatim. No value: class unknown.
 */
export function bounceDetails(value: string | undefined): BounceDetails {
  if (value === undefined) return { class: 'unknown' }
  const text = value.trim()
  if (SMAILY_VENDOR_CODES.has(text)) {
    return { class: 'unknown', codeKind: 'vendor', code: text }
  }
  const smtp = SMTP_CODE.exec(text)
  if (smtp?.[1] !== undefined) {
    const details: BounceDetails = { class: smtpClass(smtp[1][0]), codeKind: 'smtp', code: smtp[1] }
    if (smtp[2] !== undefined) details.message = smtp[2]
    return details
  }
  if (/^\d+$/.test(text)) return { class: 'unknown', code: text }
  return { class: 'unknown', message: value }
}
