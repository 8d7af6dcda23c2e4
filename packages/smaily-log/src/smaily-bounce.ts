import type { CanonicalEventOf } from '@evnorm/core'

/** `message.bounced` details. */
export type BounceDetails = CanonicalEventOf<'message.bounced'>['details']

/**
 * Smaily's own delivery codes, which are not SMTP replies (VENDORS.md §4.5, [M4]): `0` never
 * sent, `200` delivered, `1001` unsubscribed in the last campaign, `1002` complained. None
 * says a delivery failed permanently or temporarily, so their bounce class is `unknown`.
 */
export const SMAILY_VENDOR_CODES: ReadonlySet<string> = new Set(['0', '200', '1001', '1002'])

const SMTP_REPLY = /^([2-5])\d\d$/
const SMTP_REPLY_WITH_TEXT = /^([2-5]\d\d)[ -]+(\S.*)$/s
const ENHANCED_STATUS = /^([245])\.\d{1,3}\.\d{1,3}$/

function smtpClass(firstDigit: string | undefined): BounceDetails['class'] {
  return firstDigit === '5' ? 'hard' : firstDigit === '4' ? 'soft' : 'unknown'
}

/**
 * Reads a bounce `value`: an SMTP reply code (`550`; `550 5.1.1 text`, whose text becomes
 * the message) or enhanced status code (`5.1.1`) gives class hard (5), soft (4) or unknown
 * (2, 3) with `codeKind: 'smtp'`; one of Smaily's own codes 0, 200, 1001, 1002 gives class
 * unknown with `codeKind: 'vendor'`; other digits are a code of unknown kind; other text is
 * the message. No value: class unknown.
 */
export function bounceDetails(value: string | undefined): BounceDetails {
  if (value === undefined) return { class: 'unknown' }
  if (SMAILY_VENDOR_CODES.has(value)) {
    return { class: 'unknown', codeKind: 'vendor', code: value }
  }
  const reply = SMTP_REPLY.exec(value) ?? ENHANCED_STATUS.exec(value)
  if (reply !== null) return { class: smtpClass(reply[1]), codeKind: 'smtp', code: value }
  const withText = SMTP_REPLY_WITH_TEXT.exec(value)
  if (withText?.[1] !== undefined && withText[2] !== undefined) {
    return {
      class: smtpClass(withText[1][0]),
      codeKind: 'smtp',
      code: withText[1],
      message: withText[2],
    }
  }
  if (/^\d+$/.test(value)) return { class: 'unknown', code: value }
  return { class: 'unknown', message: value }
}
