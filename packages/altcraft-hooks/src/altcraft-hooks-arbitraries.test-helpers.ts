import { formatInstant } from '@evnorm/core/adapter'
import fc from 'fast-check'

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`))
const id = fc.integer({ min: 1, max: 2_000_000_000 })
const text = fc.string({ minLength: 1, maxLength: 24 })
const YEAR_2000_MS = 946_684_800_000
const YEAR_2040_MS = 2_208_988_800_000

/** A UTC instant of 2000–2039 with a random nanosecond part, as `{ epochMs, nanos }`. */
export const instantArbitrary = fc.record({
  epochMs: fc.integer({ min: YEAR_2000_MS, max: YEAR_2040_MS }),
  nanos: fc.integer({ min: 0, max: 999_999 }),
})

/** An `event_date` with nine fraction digits and `Z`, as hooks send it. */
export const eventDateArbitrary = instantArbitrary.map(formatInstant)

const wholeSecondDate = fc
  .integer({ min: YEAR_2000_MS / 1000, max: YEAR_2040_MS / 1000 })
  .map((seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'))

/** `event_data` with any documented fields of every group, each optional, well typed. */
export const eventDataArbitrary = fc.record(
  {
    message_id: fc.oneof(id, fc.constant(0)),
    campaign_id: id,
    scampaign_id: id,
    segment_id: fc.oneof(id, fc.constant(0)),
    resource_id: fc.integer({ min: 1, max: 4 }),
    launch_id: fc.oneof(hex(24), fc.constant('')),
    send_message_id: fc.oneof(text, fc.constant('')),
    full_message_id: text,
    email_message_id: text,
    extra_uid: text,
    provider: text,
    prev_st: fc.integer({ min: 0, max: 3 }),
    ip: fc.ipV4(),
    country: fc.constantFrom('.us', '.ru', '.uk', '.ee', '.com', '.su', 'xx'),
    city: text,
    region: text,
    postal_code: fc.oneof(text, fc.integer({ min: 0, max: 999_999 })),
    tz: fc.constantFrom('Europe/Vaduz', 'Europe/Moscow', 'UTC'),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    user_agent: text,
    os: text,
    browser: text,
    device: fc.constantFrom('web', 'mobile'),
    link_url: fc.webUrl(),
    bounce_code: fc.integer({ min: 400, max: 599 }),
    bounce_message: text,
    undeliv_code: fc.integer({ min: 1, max: 999 }),
    undeliv_message: text,
    pixel_id: id,
    popup_id: id,
    referer: text,
    smid: text,
    utm_campaign: text,
    utm_content: text,
    utm_source: text,
    post_uid: fc.uuid(),
    name: text,
    url: text,
    error: text,
    error_category: fc.integer({ min: 100, max: 599 }),
    attached: wholeSecondDate,
    detached: wholeSecondDate,
    activated: wholeSecondDate,
    code: text,
    db_id: id,
    loyalty_id: id,
    profile_id: fc.constantFrom('000000000000000000000000', '65aa0c1f2b3c4d5e6f708192'),
    destination: fc.array(fc.record({ db_id: id, email: fc.emailAddress() }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
)

const subscriptionArbitrary = fc.record(
  {
    resource_id: fc.integer({ min: 1, max: 4 }),
    channel: fc.constantFrom(
      'email',
      'sms',
      'push',
      'telegram_bot',
      'whatsapp',
      'viber',
      'notify',
      'max_bot',
    ),
    email: fc.emailAddress(),
    phone: fc.constantFrom('+7 900 123-45-67', '+3725551234'),
    subscription_id: text,
    provider: fc.constantFrom('androidfirebase', 'Firefox'),
    priority: fc.integer({ min: 0, max: 10 }),
    status: fc.constantFrom('subscribed', 'unsubscribed', 'hardbounced', 'paused', 3),
    ccsub: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
    hash_id: text,
    cc_data: fc.record({ id: id }),
  },
  { requiredKeys: ['channel'] },
)

/**
 * A well-formed hook message whose event name is `verb`: required fields always, every
 * optional envelope field sometimes, including the `null`s of the historical re-export and a
 * `custom_data` that is not an object.
 */
export function hookMessageFor(verb: string): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        event_date: eventDateArbitrary,
        profile_id: fc.oneof(hex(24), fc.constant(null)),
        _xxh: fc.oneof(hex(16), fc.constant(null)),
        _md5: fc.oneof(hex(32), fc.constant(null)),
        list_id: id,
        account_id: id,
        sends_trying_num: fc.integer({ min: 1, max: 5 }),
        is_test: fc.boolean(),
        is_static: fc.boolean(),
        subscription_hash_id: text,
        custom_data: fc.oneof(
          fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
          fc.constant('{"alice@example.org"}'),
          fc.constant(null),
          fc.array(fc.string(), { maxLength: 2 }),
        ),
        event_data: fc.oneof({ weight: 9, arbitrary: eventDataArbitrary }, fc.constant(null)),
        subscription: fc.oneof(
          fc.array(subscriptionArbitrary, { maxLength: 3 }),
          fc.constant(null),
        ),
      },
      { requiredKeys: ['event_date'] },
    )
    .map((record) => ({ event_type: verb, ...record }))
}

/**
 * A coarse view of what identifies a generated message: records that differ here must get
 * different event ids (the full id recipe has more parts).
 */
export function hookDistinctKey(record: Record<string, unknown>): string {
  const data = (record.event_data ?? {}) as Record<string, unknown>
  return JSON.stringify([
    record.event_type,
    record.event_date,
    record.account_id ?? null,
    data.link_url ?? null,
    data.pixel_id ?? null,
  ])
}
