import { SUBSCRIPTION_STATUSES } from '@evnorm/core'

/** A canonical subscription status. */
export type AltcraftSubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

const STATUSES: ReadonlySet<string> = new Set(SUBSCRIPTION_STATUSES)

/**
 * An Altcraft subscription status as the canonical status: a status word as it is, or the
 * number the API uses for it (core's list is Altcraft's, in that order); `undefined` for
 * anything else, which the caller keeps as `statusRaw`.
 */
export function altcraftSubscriptionStatus(
  value: string | number,
): AltcraftSubscriptionStatus | undefined {
  if (typeof value === 'string')
    return STATUSES.has(value) ? (value as AltcraftSubscriptionStatus) : undefined
  return Number.isInteger(value) ? SUBSCRIPTION_STATUSES[value] : undefined
}
