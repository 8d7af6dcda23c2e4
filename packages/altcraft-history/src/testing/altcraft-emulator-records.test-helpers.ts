import type { AltcraftEmulatorRecord } from './altcraft-emulator.js'

const ACTIONS = ['send', 'deliv', 'open', 'click', 'unsubscribe_email'] as const

/**
 * `count` records over the `days` UTC days up to the day of `today`, over 9 profiles, each
 * with a distinct `event_id` (every `badEvery`-th, when given, has an unreadable `datetime`
 * on the right day, so it is rejected).
 */
export function altcraftRecords(
  count: number,
  {
    days = 3,
    today = new Date(),
    badEvery,
  }: { days?: number; today?: Date; badEvery?: number } = {},
): AltcraftEmulatorRecord[] {
  const first =
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) -
    (days - 1) * 86_400_000
  return Array.from({ length: count }, (_, index) => {
    const at = new Date(first + ((index * 7_919_000) % (days * 86_400_000 - 1000)))
    const datetime = at.toISOString().replace('.000Z', 'Z')
    const bad = badEvery !== undefined && index % badEvery === badEvery - 1
    return {
      xxh: `00000000000000${String(index % 9).padStart(2, '0')}`,
      profile_id: `65aa0c1f2b3c4d5e6f7081${String(index % 9).padStart(2, '0')}`,
      email: `user${index % 9}@example.org`,
      list_id: 1,
      action: ACTIONS[index % ACTIONS.length] ?? 'send',
      count: 1,
      datetime: bad ? `${datetime.slice(0, 10)}T99:99:99Z` : datetime,
      message_id: 41,
      campaign_id: 907,
      event_id: `65ab${index.toString(16).padStart(20, '0')}`,
      smid: '',
      campaign_name: 'Autumn promo',
      message_name: 'promo-v2',
      channel: 'email',
    }
  })
}
