import { type Adapter, CANONICAL_SCHEMA_VERSION } from '@evnorm/core'
import { createVocabularyIndex, eventId } from '@evnorm/core/adapter'
import { ALTCRAFT_HOOKS_VOCABULARY, altcraftHooksAdapter } from '../src/index.js'

/** A message of `hookMessage` (`./altcraft-hooks-messages.ts`) after the lossless parse. */
interface BenchMessage {
  readonly event_type: string
  readonly event_date: string
  readonly profile_id: string
  readonly _xxh: string
  readonly _md5: string
  readonly list_id: number
  readonly account_id: number
  readonly sends_trying_num?: number
  readonly is_test: boolean
  readonly is_static: boolean
  readonly subscription_hash_id: string
  readonly custom_data: { readonly email: string }
  readonly event_data: Record<string, string | number>
  readonly subscription: readonly {
    readonly resource_id: number
    readonly channel: string
    readonly email: string
    readonly priority: number
    readonly status: string
    readonly ccsub: Record<string, unknown>
  }[]
}

const lookup = createVocabularyIndex(ALTCRAFT_HOOKS_VOCABULARY)
const FEED = altcraftHooksAdapter.feed
const COUNTRIES: Record<string, string> = { '.ru': 'RU', '.uk': 'GB' }
const GROUPS = [undefined, 'test', 'control']

function trackingContext(data: BenchMessage['event_data']): Record<string, unknown> {
  return {
    ip: data.ip,
    userAgent: data.user_agent,
    os: data.os,
    browser: data.browser,
    device: data.device,
    country: COUNTRIES[data.country as string],
    countryRaw: data.country,
    city: data.city,
    region: data.region,
    postalCode: data.postal_code,
    timeZone: data.tz,
    latitude: data.lat,
    longitude: data.lon,
  }
}

function detailsOf(
  message: BenchMessage,
  fixed: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const data = message.event_data
  if (data.bounce_code !== undefined) {
    return {
      ...fixed,
      codeKind: 'smtp',
      code: String(data.bounce_code),
      message: data.bounce_message,
    }
  }
  if (data.undeliv_code !== undefined) {
    return { code: String(data.undeliv_code), message: data.undeliv_message }
  }
  if (data.link_url !== undefined) return { url: data.link_url, ...fixed }
  return fixed === undefined ? undefined : { ...fixed }
}

/**
 * The contract ceiling of `normalize` for the hook feed: a hand-written mapping for exactly the
 * benchmark's messages (every envelope field set, one email subscription, the generator's
 * `event_data` groups and countries; no sentinels, no checks, no dropped-field bookkeeping),
 * run through the same core `normalize` as the adapter: the lossless parse, the record runner,
 * UUID v5 ids over the same 14-part content key, and validation. It only shows what an adapter
 * could reach at best; it is not an adapter to use.
 */
export const handWrittenHooksAdapter: Adapter = {
  ...altcraftHooksAdapter,
  normalize(value) {
    const message = value as BenchMessage
    const data = message.event_data
    const verb = message.event_type
    const entry = lookup(verb)
    const channel = entry?.channel ?? 'email'
    const tracking = data.ip !== undefined
    const hashId = message.subscription_hash_id
    const subscriptions = message.subscription.map((item) => {
      const entry = {
        channel: item.channel,
        resourceId: String(item.resource_id),
        status: item.status,
        priority: item.priority,
        email: item.email,
        customFields: item.ccsub,
      }
      return item.channel === channel ? { ...entry, hashId } : entry
    })
    const subscription =
      channel === 'email'
        ? subscriptions[0]
        : { channel, resourceId: String(data.resource_id), hashId }
    const campaign: Record<string, unknown> = {
      id: String(data.campaign_id),
      launchId: data.launch_id,
    }
    if (tracking) campaign.systemId = String(data.scampaign_id)
    const group = GROUPS[data.prev_st as number]
    if (group !== undefined) campaign.group = group
    const details = detailsOf(message, entry?.details as Record<string, unknown> | undefined)
    const event: Record<string, unknown> = {
      schema: CANONICAL_SCHEMA_VERSION,
      id: eventId(FEED, [
        verb,
        message.event_date,
        String(message.account_id),
        message.profile_id,
        data.send_message_id as string,
        data.full_message_id as string,
        data.launch_id as string,
        data.link_url as string | undefined,
        null,
        null,
        null,
        null,
        null,
        (data.bounce_code ?? data.undeliv_code)?.toString(),
      ]),
      type: entry?.type ?? 'unknown',
      channel,
      occurredAt: message.event_date,
      count: 1,
      source: {
        vendor: 'altcraft',
        feed: FEED,
        verb,
        idBasis: 'content',
        time: { raw: message.event_date },
      },
    }
    if (details !== undefined) event.details = details
    event.test = message.is_test
    if (message.sends_trying_num !== undefined) event.attempts = message.sends_trying_num
    event.recipient = {
      email: message.custom_data.email,
      profileId: message.profile_id,
      listId: String(message.list_id),
      accountId: String(message.account_id),
      hashes: { _xxh: message._xxh, _md5: message._md5 },
      fields: message.custom_data,
    }
    event.campaign = campaign
    event.message = {
      id: String(data.message_id),
      sendId: data.send_message_id,
      fullSendId: data.full_message_id,
      emailSendId: data.email_message_id,
    }
    event.subscription = subscription
    event.profileSubscriptions = subscriptions
    if (tracking) event.context = trackingContext(data)
    event.extra = { is_static: message.is_static }
    return { success: true, events: [event as never] }
  },
}
