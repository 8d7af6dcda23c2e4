import type { EventKey } from '@evnorm/core/adapter'
import type { HookEventData } from './altcraft-hooks-event-data.js'

/** The feed id of the Altcraft action hooks adapter. */
export const ALTCRAFT_HOOKS_FEED = 'altcraft.hooks'

/** What identifies one hook event besides its `event_data` group fields. */
export interface HookIdentity {
  readonly verb: string
  readonly occurredAt: string
  readonly accountId: string | undefined
  readonly profileId: string | undefined
  readonly xxh: string | undefined
  readonly md5: string | undefined
  readonly sendId: string | undefined
}

/**
 * The content key of a hook event (hooks carry no event id): its id is the UUID v5 over
 * `["altcraft.hooks", verb, occurredAt, account_id, profile, send id, full_message_id,
 * launch_id, link_url, pixel_id, popup_id, post_uid, code, segment_id, bounce/undeliv code]`
 * with `null` for an absent part (README "Event ids" spells out each part). A retried
 * delivery of the same message gets the same id.
 */
export function hookEventKey(identity: HookIdentity, data: HookEventData): EventKey {
  return {
    basis: 'content',
    parts: [
      identity.verb,
      identity.occurredAt,
      identity.accountId,
      identity.profileId ?? identity.xxh ?? identity.md5,
      identity.sendId,
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
