import { eventId } from '@evnorm/core/adapter'
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
 * The content-derived id of a hook event (hooks carry no event id): UUID v5 over
 * `["altcraft.hooks", verb, occurredAt, account_id, profile, send id, full_message_id,
 * launch_id, link_url, pixel_id, popup_id, post_uid, code, segment_id, bounce/undeliv code]`
 * with `null` for an absent part (README "Event ids" spells out each part). A retried
 * delivery of the same message gets the same id.
 */
export function hookEventId(identity: HookIdentity, data: HookEventData): string {
  return eventId(ALTCRAFT_HOOKS_FEED, [
    identity.verb,
    identity.occurredAt,
    identity.accountId ?? null,
    identity.profileId ?? identity.xxh ?? identity.md5 ?? null,
    identity.sendId ?? null,
    data.fullMessageId ?? null,
    data.launchId ?? null,
    data.linkUrl ?? null,
    data.pixelId ?? null,
    data.popupId ?? null,
    data.postUid ?? null,
    data.code ?? null,
    data.segmentId ?? null,
    data.bounceCode ?? data.undelivCode ?? null,
  ])
}
