import type { Channel } from '@evnorm/core'

const KNOWN_CHANNELS = new Map<string, Channel>([
  ['email', 'email'],
  ['sms', 'sms'],
  ['push', 'push'],
  ['telegram_bot', 'telegram'],
  ['whatsapp', 'whatsapp'],
  ['viber', 'viber'],
  ['notify', 'notify'],
])

/**
 * The canonical channel of an Altcraft channel string (`telegram_bot` is `telegram`); any
 * other string is `other`, and the caller keeps the vendor string beside it.
 */
export function canonicalAltcraftChannel(vendorChannel: string): Channel {
  return KNOWN_CHANNELS.get(vendorChannel) ?? 'other'
}
