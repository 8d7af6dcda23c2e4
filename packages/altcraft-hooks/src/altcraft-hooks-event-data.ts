import type { FieldReader } from './altcraft-hooks-field-reader.js'

const AT = ['event_data'] as const

/**
 * Every documented `event_data` field (VENDORS.md §2.5), read and typed. Ids are strings,
 * sentinels (`0`, `""`, `null`) are undefined. Fields of every event group are read for every
 * event type: the mapping decides where each one goes.
 */
export interface HookEventData {
  readonly messageId: string | undefined
  readonly campaignId: string | undefined
  readonly scampaignId: string | undefined
  readonly segmentId: string | undefined
  readonly resourceId: string | undefined
  readonly launchId: string | undefined
  readonly sendMessageId: string | undefined
  readonly fullMessageId: string | undefined
  readonly emailMessageId: string | undefined
  readonly extraUid: string | undefined
  readonly provider: string | undefined
  readonly prevSt: number | undefined
  readonly ip: string | undefined
  readonly country: string | undefined
  readonly city: string | undefined
  readonly region: string | undefined
  readonly postalCode: string | undefined
  readonly tz: string | undefined
  readonly lat: number | undefined
  readonly lon: number | undefined
  readonly userAgent: string | undefined
  readonly os: string | undefined
  readonly browser: string | undefined
  readonly device: string | undefined
  readonly linkUrl: string | undefined
  readonly bounceCode: string | undefined
  readonly bounceMessage: string | undefined
  readonly undelivCode: string | undefined
  readonly undelivMessage: string | undefined
  readonly pixelId: string | undefined
  readonly popupId: string | undefined
  readonly referer: string | undefined
  readonly smid: string | undefined
  readonly utmCampaign: string | undefined
  readonly utmContent: string | undefined
  readonly utmSource: string | undefined
  readonly postUid: string | undefined
  readonly name: string | undefined
  readonly url: string | undefined
  readonly error: string | undefined
  readonly errorCategory: string | undefined
  readonly attached: string | undefined
  readonly detached: string | undefined
  readonly activated: string | undefined
  readonly code: string | undefined
  readonly dbId: string | undefined
  readonly loyaltyId: string | undefined
  readonly profileId: string | undefined
  readonly destination: unknown
}

/** Reads the documented `event_data` fields; type problems go to `reader.rejection`. */
export function readHookEventData(
  data: Readonly<Record<string, unknown>>,
  reader: FieldReader,
): HookEventData {
  return {
    messageId: reader.id(data, 'message_id', AT),
    campaignId: reader.id(data, 'campaign_id', AT),
    scampaignId: reader.id(data, 'scampaign_id', AT),
    segmentId: reader.id(data, 'segment_id', AT),
    resourceId: reader.id(data, 'resource_id', AT),
    launchId: reader.text(data, 'launch_id', AT),
    sendMessageId: reader.text(data, 'send_message_id', AT),
    fullMessageId: reader.text(data, 'full_message_id', AT),
    emailMessageId: reader.text(data, 'email_message_id', AT),
    extraUid: reader.text(data, 'extra_uid', AT),
    provider: reader.text(data, 'provider', AT),
    prevSt: reader.integer(data, 'prev_st', AT),
    ip: reader.text(data, 'ip', AT),
    country: reader.text(data, 'country', AT),
    city: reader.text(data, 'city', AT),
    region: reader.text(data, 'region', AT),
    postalCode: reader.label(data, 'postal_code', AT),
    tz: reader.text(data, 'tz', AT),
    lat: reader.coordinate(data, 'lat', AT, 90),
    lon: reader.coordinate(data, 'lon', AT, 180),
    userAgent: reader.text(data, 'user_agent', AT),
    os: reader.text(data, 'os', AT),
    browser: reader.text(data, 'browser', AT),
    device: reader.text(data, 'device', AT),
    linkUrl: reader.text(data, 'link_url', AT),
    bounceCode: reader.id(data, 'bounce_code', AT),
    bounceMessage: reader.text(data, 'bounce_message', AT),
    undelivCode: reader.id(data, 'undeliv_code', AT),
    undelivMessage: reader.text(data, 'undeliv_message', AT),
    pixelId: reader.id(data, 'pixel_id', AT),
    popupId: reader.id(data, 'popup_id', AT),
    referer: reader.text(data, 'referer', AT),
    smid: reader.text(data, 'smid', AT),
    utmCampaign: reader.text(data, 'utm_campaign', AT),
    utmContent: reader.text(data, 'utm_content', AT),
    utmSource: reader.text(data, 'utm_source', AT),
    postUid: reader.text(data, 'post_uid', AT),
    name: reader.text(data, 'name', AT),
    url: reader.text(data, 'url', AT),
    error: reader.text(data, 'error', AT),
    errorCategory: reader.id(data, 'error_category', AT),
    attached: reader.text(data, 'attached', AT),
    detached: reader.text(data, 'detached', AT),
    activated: reader.text(data, 'activated', AT),
    code: reader.text(data, 'code', AT),
    dbId: reader.id(data, 'db_id', AT),
    loyaltyId: reader.id(data, 'loyalty_id', AT),
    profileId: profileIdOrAbsent(reader.text(data, 'profile_id', AT)),
    destination: data.destination ?? undefined,
  }
}

const ZERO_OBJECT_ID = '000000000000000000000000'

/** The all-zero ObjectId is Altcraft's "no profile" sentinel (VENDORS.md trap 4). */
export function profileIdOrAbsent(profileId: string | undefined): string | undefined {
  return profileId === ZERO_OBJECT_ID ? undefined : profileId
}
