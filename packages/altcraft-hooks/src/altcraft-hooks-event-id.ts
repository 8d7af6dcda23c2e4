import type { EventKey } from '@evnorm/core/adapter'
import type { HookMessage } from './altcraft-hooks-message.js'

/** The feed id of the Altcraft action hooks adapter. */
export const ALTCRAFT_HOOKS_FEED = 'altcraft.hooks'

/**
 * The content key of a hook event (hooks carry no event id): its id is the UUID v5 over
 * `["altcraft.hooks", verb, occurredAt, account_id, profile, send id, full_message_id,
 * launch_id, link_url, pixel_id, popup_id, post_uid, code, segment_id, bounce/undeliv code]`
 * with `null` for an absent part (README "Event ids" spells out each part). A retried
 * delivery of the same message gets the same id. `profileId` is the recipient's (the message's,
 * else `event_data`'s), `sendId` the send id the event carries.
 */
export function hookEventKey(
  message: HookMessage,
  profileId: string | undefined,
  sendId: string | undefined,
): EventKey {
  const { data } = message
  return {
    basis: 'content',
    parts: [
      message.verb,
      message.occurredAt,
      message.accountId,
      profileId ?? message.xxh ?? message.md5,
      sendId,
      data.fullMessageId,
      data.launchId,
      data.linkUrl,
      data.pixelId,
      data.popupId,
      data.postUid,
      data.code,
      data.segmentId,
      data.bounceCode ?? data.undelivCode,
    ],
  }
}
