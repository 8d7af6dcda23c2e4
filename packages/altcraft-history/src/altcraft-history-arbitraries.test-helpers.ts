import { SUBSCRIPTION_STATUSES } from '@evnorm/core'
import fc from 'fast-check'

/** A history record as the vendor renders it in JSON. */
export type HistoryRecord = Record<string, unknown>

const HEX = [...'0123456789abcdef']
const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ']
const DIGITS = [...'0123456789']
const TEXT_UNITS = [...LETTERS, ...DIGITS, ...' &<>"\';,.-_@#/', 'Ж', 'é', '€', '😀']

function chars(
  units: readonly string[],
  minLength: number,
  maxLength: number,
): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...units), minLength, maxLength })
}

/** Hex text of exactly `length` digits (xxh, profile_id, event_id). */
export function hexText(length: number): fc.Arbitrary<string> {
  return chars(HEX, length, length)
}

/**
 * Free text that survives every rendering (JSON, XML with trimmed values, CSV): no leading
 * or trailing whitespace, no control characters, but XML and CSV specials (`&<>"';,`) and
 * non-ASCII letters.
 */
export const safeText: fc.Arbitrary<string> = chars(TEXT_UNITS, 1, 16)
  .map((text) => text.trim())
  .filter((text) => text !== '')

/** An XML-safe field name (`_device_type`, `city`). */
export const fieldKey: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_'),
    chars([...'abcdefghijklmnopqrstuvwxyz_0123456789'], 0, 7),
  )
  .map(([first, rest]) => first + rest)

/** An email address with a mixed-case domain. */
export const emailAddress: fc.Arbitrary<string> = fc
  .tuple(
    chars([...LETTERS, ...DIGITS, '.'], 1, 8),
    chars(LETTERS, 1, 8),
    fc.constantFrom('org', 'COM', 'ru'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)

/** A phone number in the `+7…` form Altcraft shows, or as a JSON number of digits. */
export const phoneNumber: fc.Arbitrary<string | number> = fc.oneof(
  chars(DIGITS, 10, 10).map((digits) => `+7${digits}`),
  fc.integer({ min: 70_000_000_000, max: 79_999_999_999 }),
)

/** A chat id: an integer (negative for groups), a fraction or text; XML gives each as text. */
const chatId: fc.Arbitrary<string | number> = fc.oneof(
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.constantFrom(1.5, 0.25, '0042', 'chat-7'),
)

/** An RFC 3339 UTC time with no or millisecond fraction, as the history shows. */
export const historyTime: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.boolean())
  .map(([ms, fraction]) => {
    const iso = new Date(ms).toISOString()
    return fraction ? iso : `${iso.slice(0, 19)}Z`
  })

/** A status word, an unknown word, or a number (the API accepts 0–6; 7 and up are unknown). */
const status = fc.oneof(
  fc.constantFrom(...SUBSCRIPTION_STATUSES, 'paused_by_vendor'),
  fc.integer({ min: 0, max: 9 }),
)

const customFields = fc.dictionary(fieldKey, safeText, { maxKeys: 3 })

const subscriptionBase = {
  resource_id: fc.integer({ min: 1, max: 100_000 }),
  resource_name: safeText,
  priority: fc.integer({ min: 0, max: 20 }),
  status,
  custom_fields: customFields,
  cats: fc.array(safeText, { maxLength: 3 }),
}

function subscriptionOf(
  channel: string,
  address: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<HistoryRecord> {
  const model: Record<string, fc.Arbitrary<unknown>> = {
    ...subscriptionBase,
    channel: fc.oneof({ arbitrary: fc.constant(channel), weight: 4 }, fc.constantFrom(0, '0')),
    ...address,
  }
  return fc.record(model, {
    requiredKeys: ['channel', 'resource_id', 'status', ...Object.keys(address)],
  })
}

/** A subscription object of any documented channel (and one unknown channel). */
export const subscriptionObject: fc.Arbitrary<HistoryRecord> = fc.oneof(
  subscriptionOf('email', { email: emailAddress }),
  subscriptionOf('sms', { phone: phoneNumber }),
  subscriptionOf('push', {
    provider: fc.constantFrom('Firefox', 'android-firebase'),
    subscription_id: hexText(20),
  }),
  subscriptionOf('telegram_bot', {
    cc_data: fc.record({ id: chatId }),
  }),
  subscriptionOf('whatsapp', { cc_data: fc.record({ phone: phoneNumber }) }),
  subscriptionOf('viber', { cc_data: fc.record({ phone: phoneNumber }) }),
  subscriptionOf('max_bot', {}),
)

/** A record channel: documented ones, an unknown one, or the `""`, `0` and `"0"` sentinels. */
export const channelText: fc.Arbitrary<string | number> = fc.constantFrom(
  'email',
  'sms',
  'push',
  'telegram_bot',
  'whatsapp',
  'viber',
  'notify',
  'vk_notify',
  '',
  0,
  '0',
)

/**
 * A history record for `action`, with any mix of the documented fields present (current EN
 * shape down to the old RU shape), sentinels included. Every value survives JSON, XML and
 * CSV rendering.
 */
export function historyRecord(action: string): fc.Arbitrary<HistoryRecord> {
  return fc.record(
    {
      xxh: hexText(16),
      profile_id: hexText(24),
      email: emailAddress,
      list_id: fc.integer({ min: 1, max: 10_000 }),
      action: fc.constant(action),
      count: fc.integer({ min: 1, max: 4 }),
      datetime: historyTime,
      message_id: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })),
      campaign_id: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })),
      event_id: hexText(24),
      smid: fc.oneof(fc.constant(''), chars([...LETTERS, ...DIGITS], 8, 49)),
      campaign_name: fc.oneof(fc.constant(''), safeText),
      message_name: fc.oneof(fc.constant(''), safeText),
      subscription: subscriptionObject,
      channel: channelText,
      subscriptions: fc.array(subscriptionObject, { maxLength: 3 }),
      fields: fc.dictionary(fieldKey, safeText, { minKeys: 1, maxKeys: 3 }),
    },
    { requiredKeys: ['action', 'datetime'] },
  )
}
