import type { FieldReader } from './altcraft-hooks-field-reader.js'

const AT = ['event_data'] as const

/**
 * Every documented `event_data` field (Altcraft's message structure page), read and typed. Ids are strings,
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
  /** Promo-code times: RFC 3339, checked, as written. */
  readonly attached: string | undefined
  readonly detached: string | undefined
  readonly activated: string | undefined
  readonly code: string | undefined
  readonly dbId: string | undefined
  readonly loyaltyId: string | undefined
  readonly profileId: string | undefined
  readonly destination: unknown
}

/** `event_data` as received: every documented field, any JSON value. */
type RawEventData = {
  readonly message_id?: unknown
  readonly campaign_id?: unknown
  readonly scampaign_id?: unknown
  readonly segment_id?: unknown
  readonly resource_id?: unknown
  readonly launch_id?: unknown
  readonly send_message_id?: unknown
  readonly full_message_id?: unknown
  readonly email_message_id?: unknown
  readonly extra_uid?: unknown
  readonly provider?: unknown
  readonly prev_st?: unknown
  readonly ip?: unknown
  readonly country?: unknown
  readonly city?: unknown
  readonly region?: unknown
  readonly postal_code?: unknown
  readonly tz?: unknown
  readonly lat?: unknown
  readonly lon?: unknown
  readonly user_agent?: unknown
  readonly os?: unknown
  readonly browser?: unknown
  readonly device?: unknown
  readonly link_url?: unknown
  readonly bounce_code?: unknown
  readonly bounce_message?: unknown
  readonly undeliv_code?: unknown
  readonly undeliv_message?: unknown
  readonly pixel_id?: unknown
  readonly popup_id?: unknown
  readonly referer?: unknown
  readonly smid?: unknown
  readonly utm_campaign?: unknown
  readonly utm_content?: unknown
  readonly utm_source?: unknown
  readonly post_uid?: unknown
  readonly name?: unknown
  readonly url?: unknown
  readonly error?: unknown
  readonly error_category?: unknown
  readonly attached?: unknown
  readonly detached?: unknown
  readonly activated?: unknown
  readonly code?: unknown
  readonly db_id?: unknown
  readonly loyalty_id?: unknown
  readonly profile_id?: unknown
  readonly destination?: unknown
}

/** Reads the documented `event_data` fields; a field of the wrong type rejects the record (the reader throws). */
export function readHookEventData(data: RawEventData, reader: FieldReader): HookEventData {
  return {
    messageId: reader.id(data.message_id, 'message_id', AT),
    campaignId: reader.id(data.campaign_id, 'campaign_id', AT),
    scampaignId: reader.id(data.scampaign_id, 'scampaign_id', AT),
    segmentId: reader.id(data.segment_id, 'segment_id', AT),
    resourceId: reader.id(data.resource_id, 'resource_id', AT),
    launchId: reader.text(data.launch_id, 'launch_id', AT),
    sendMessageId: reader.text(data.send_message_id, 'send_message_id', AT),
    fullMessageId: reader.text(data.full_message_id, 'full_message_id', AT),
    emailMessageId: reader.text(data.email_message_id, 'email_message_id', AT),
    extraUid: reader.text(data.extra_uid, 'extra_uid', AT),
    provider: reader.text(data.provider, 'provider', AT),
    prevSt: reader.integer(data.prev_st, 'prev_st', AT),
    ip: reader.text(data.ip, 'ip', AT),
    country: reader.text(data.country, 'country', AT),
    city: reader.text(data.city, 'city', AT),
    region: reader.text(data.region, 'region', AT),
    postalCode: reader.label(data.postal_code, 'postal_code', AT),
    tz: reader.text(data.tz, 'tz', AT),
    lat: reader.coordinate(data.lat, 'lat', AT, 90),
    lon: reader.coordinate(data.lon, 'lon', AT, 180),
    userAgent: reader.text(data.user_agent, 'user_agent', AT),
    os: reader.text(data.os, 'os', AT),
    browser: reader.text(data.browser, 'browser', AT),
    device: reader.text(data.device, 'device', AT),
    linkUrl: reader.text(data.link_url, 'link_url', AT),
    bounceCode: reader.id(data.bounce_code, 'bounce_code', AT),
    bounceMessage: reader.text(data.bounce_message, 'bounce_message', AT),
    undelivCode: reader.id(data.undeliv_code, 'undeliv_code', AT),
    undelivMessage: reader.text(data.undeliv_message, 'undeliv_message', AT),
    pixelId: reader.id(data.pixel_id, 'pixel_id', AT),
    popupId: reader.id(data.popup_id, 'popup_id', AT),
    referer: reader.text(data.referer, 'referer', AT),
    smid: reader.text(data.smid, 'smid', AT),
    utmCampaign: reader.text(data.utm_campaign, 'utm_campaign', AT),
    utmContent: reader.text(data.utm_content, 'utm_content', AT),
    utmSource: reader.text(data.utm_source, 'utm_source', AT),
    postUid: reader.text(data.post_uid, 'post_uid', AT),
    name: reader.text(data.name, 'name', AT),
    url: reader.text(data.url, 'url', AT),
    error: reader.text(data.error, 'error', AT),
    errorCategory: reader.id(data.error_category, 'error_category', AT),
    attached: reader.time(data.attached, 'attached', AT),
    detached: reader.time(data.detached, 'detached', AT),
    activated: reader.time(data.activated, 'activated', AT),
    code: reader.text(data.code, 'code', AT),
    dbId: reader.id(data.db_id, 'db_id', AT),
    loyaltyId: reader.id(data.loyalty_id, 'loyalty_id', AT),
    profileId: profileIdOrAbsent(reader.text(data.profile_id, 'profile_id', AT)),
    destination: reader.verbatim(data.destination ?? undefined, 'destination', AT),
  }
}

const ZERO_OBJECT_ID = '000000000000000000000000'

/** The all-zero ObjectId is Altcraft's "no profile" sentinel. */
export function profileIdOrAbsent(profileId: string | undefined): string | undefined {
  return profileId === ZERO_OBJECT_ID ? undefined : profileId
}
