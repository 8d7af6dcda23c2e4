import type { AltcraftHistoryOptions } from './altcraft-history-adapter.js'

/**
 * The documented record fields the history adapter does not keep as sent, for the given
 * options, as top-level keys or dotted paths (arrays looked through). The README's "Fields
 * not kept" says why for each:
 * - `channel`: not kept when the verb fixes the channel (the verb implies it); otherwise kept
 *   as the canonical channel (`telegram_bot` → `telegram`), an unknown string verbatim in
 *   `source.channel`;
 * - `db_id`: an alias of `list_id`, read only when `list_id` is absent;
 * - `subscription.channel` (and `subscriptions.channel`): kept as the canonical channel, an
 *   unknown string verbatim in `channelRaw`;
 * - `subscription.status` (and `subscriptions.status`): a status number 0–6 is kept as its
 *   word, anything unknown verbatim in `statusRaw`;
 * - `subscriptions` without `includeSubscriptions`: the profile's subscriptions at query time,
 *   not at the time of the event;
 * - `count` with `expandCount`: kept as that many events of count 1.
 *
 * Fields the vendor does not document are not mapped either (`includeRaw` keeps the record).
 */
export function altcraftHistoryDroppedFields(
  options: AltcraftHistoryOptions = {},
): readonly string[] {
  return [
    'channel',
    'db_id',
    'subscription.channel',
    'subscription.status',
    ...(options.includeSubscriptions === true
      ? ['subscriptions.channel', 'subscriptions.status']
      : ['subscriptions']),
    ...(options.expandCount === true ? ['count'] : []),
  ]
}

/** {@link altcraftHistoryDroppedFields} with the default options. */
export const ALTCRAFT_HISTORY_DROPPED_FIELDS: readonly string[] = altcraftHistoryDroppedFields()
