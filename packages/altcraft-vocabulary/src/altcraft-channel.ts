import type { Channel } from '@evnorm/core'

const VENDOR_CHANNELS: ReadonlyMap<string, Channel> = new Map([
  ['email', 'email'],
  ['sms', 'sms'],
  ['push', 'push'],
  ['telegram_bot', 'telegram'],
  ['whatsapp', 'whatsapp'],
  ['viber', 'viber'],
  ['notify', 'notify'],
])

const DELIVERY_CHANNELS: ReadonlySet<Channel> = new Set(VENDOR_CHANNELS.values())

/**
 * The canonical channel of an Altcraft channel string (`telegram_bot` is `telegram`); any
 * other string is `other`, and the caller keeps the vendor string beside it.
 */
export function canonicalAltcraftChannel(vendorChannel: string): Channel {
  return VENDOR_CHANNELS.get(vendorChannel) ?? 'other'
}

/** True for a channel Altcraft delivers messages on (not `web`, `none` or `other`). */
export function isAltcraftDeliveryChannel(channel: Channel): boolean {
  return DELIVERY_CHANNELS.has(channel)
}
