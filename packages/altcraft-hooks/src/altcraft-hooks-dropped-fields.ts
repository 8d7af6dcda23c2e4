/**
 * The documented message fields the hooks adapter does not keep as sent, as top-level keys or
 * dotted paths (arrays looked through). The README's "Fields not kept" says why for each:
 * - `event`: the event name's older key, read only when `event_type` is absent or empty;
 * - `subscription_hash_id`: not kept when the selected subscription element has a `hash_id`
 *   of its own (the element's wins);
 * - `subscription.channel`: kept as the canonical channel (`telegram_bot` → `telegram`), an
 *   unknown string verbatim in `channelRaw`;
 * - `subscription.status`: a status number 0–6 is kept as its word, anything unknown verbatim
 *   in `statusRaw`;
 * - `event_data.prev_st`: `1` and `2` are kept as `campaign.group` `test` and `control`;
 * - `event_data.attached`, `event_data.detached`, `event_data.activated`: on promo-code events
 *   kept as `details.at`, the canonical UTC instant (on other events verbatim in `extra`).
 *
 * Fields the vendor does not document are not mapped either (`includeRaw` keeps the message).
 */
export const ALTCRAFT_HOOKS_DROPPED_FIELDS: readonly string[] = [
  'event',
  'subscription_hash_id',
  'subscription.channel',
  'subscription.status',
  'event_data.prev_st',
  'event_data.attached',
  'event_data.detached',
  'event_data.activated',
]
