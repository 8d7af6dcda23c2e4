import type { DROP_REASONS } from '@evnorm/core'

type DropReason = (typeof DROP_REASONS)[number]

const RULES: readonly (readonly [RegExp, DropReason])[] = [
  [/^bounced address/i, 'bounced_address'],
  [/^unsubscribed address/i, 'unsubscribed'],
  [/^spam reporting address/i, 'spam_reported'],
  [/^invalid(?: (?:email|address))?$/i, 'invalid_address'],
  [/over package quota/i, 'sending_policy'],
  [/suppress/i, 'suppression_list'],
]

/**
 * The canonical drop reason of a SendGrid `dropped` event's `reason` text: `Bounced Address`,
 * `Unsubscribed Address`, `Spam Reporting Address`, `Invalid`, `Recipient List over Package
 * Quota`; anything else (`Invalid SMTPAPI header`, `Spam Content …`, text SendGrid adds later,
 * no reason) is `other`. The text itself goes to `details.message`.
 */
export function sendgridDropReason(reason: string | undefined): DropReason {
  if (reason === undefined) return 'other'
  return RULES.find(([pattern]) => pattern.test(reason.trim()))?.[1] ?? 'other'
}
