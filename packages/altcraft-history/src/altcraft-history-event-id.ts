import { type EventKey, eventId } from '@evnorm/core/adapter'
import type { AltcraftHistoryRecord } from './altcraft-history-record.js'

/** Feed id of the Altcraft history adapter. */
export const ALTCRAFT_HISTORY_FEED = 'altcraft.history'

/**
 * What a record's (first) event id is derived from. With `event_id`: the vendor basis, id
 * `eventId(feed, [event_id])`. Without it, the content key `eventId(feed, [action,
 * occurredAt, list_id, profile_id, xxh, email, campaign_id, message_id, smid, channel,
 * subscription.resource_id])`, each part the normalized value (formatted instant, normalized
 * email, ids as decimal strings) or null when absent (sentinels included).
 */
export function altcraftHistoryEventKey(
  record: AltcraftHistoryRecord,
  email: string | undefined,
  resourceId: string | undefined,
): EventKey {
  if (record.eventId !== undefined) return { basis: 'vendor', recordId: record.eventId }
  return {
    basis: 'content',
    parts: [
      record.action,
      record.occurredAt,
      record.listId,
      record.profileId,
      record.xxh,
      email,
      record.campaignId,
      record.messageId,
      record.smid,
      record.channel,
      resourceId,
    ],
  }
}

/**
 * The id of action `n` (1-based) of a record expanded by `expandCount`: action 1 keeps the
 * record's id, action n ≥ 2 gets `eventId(feed, ['#count', firstId, String(n)])`.
 */
export function expandedEventId(firstId: string, n: number): string {
  return n === 1 ? firstId : eventId(ALTCRAFT_HISTORY_FEED, ['#count', firstId, String(n)])
}
