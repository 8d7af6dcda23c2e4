import type { Channel, EventType } from '@evnorm/core'
import { formatInstant, isMailProxyUserAgent, isRecord, parseRfc3339 } from '@evnorm/core/adapter'
import { compact } from './altcraft-hooks-compact.js'
import type { HookEventData } from './altcraft-hooks-event-data.js'
import type { FieldReader } from './altcraft-hooks-field-reader.js'

type Details = Readonly<Record<string, unknown>>

const FORM_FIELDS = [
  'popup_id',
  'referer',
  'utm_campaign',
  'utm_content',
  'utm_source',
  'post_uid',
  'name',
  'url',
  'error',
  'error_category',
]

/** Which group fields each canonical type turns into details; the rest go to `extra`. */
const DETAIL_FIELDS: Partial<Record<EventType, ReadonlySet<string>>> = {
  'message.clicked': new Set(['link_url']),
  'message.bounced': new Set(['bounce_code', 'bounce_message']),
  'message.delivery_failed': new Set(['undeliv_code', 'undeliv_message']),
  'goal.reached': new Set(['pixel_id']),
  'segment.entered': new Set(['segment_id']),
  'segment.exited': new Set(['segment_id']),
  'promocode.attached': new Set(['attached', 'code', 'loyalty_id']),
  'promocode.detached': new Set(['detached', 'code', 'loyalty_id']),
  'promocode.activated': new Set(['activated', 'code', 'loyalty_id']),
  'profile.merged': new Set(['destination']),
  'profile.split': new Set(['destination']),
  'form.loaded': new Set(FORM_FIELDS),
  'form.page_shown': new Set(FORM_FIELDS),
  'form.clicked': new Set(FORM_FIELDS),
  'form.submitted': new Set(FORM_FIELDS),
  'form.abandoned': new Set(FORM_FIELDS),
  'form.closed': new Set(FORM_FIELDS),
  'form.failed': new Set(FORM_FIELDS),
}

const NO_FIELDS: ReadonlySet<string> = new Set()

/**
 * Copies into `extra` every group field of `data` that the event's type does not turn into
 * details (e.g. `link_url` of an `unsub`, `bounce_code` of an unknown event), under its vendor
 * name.
 */
export function addUnmappedGroupFields(
  type: EventType,
  data: HookEventData,
  extra: Record<string, unknown>,
): void {
  const mapped = DETAIL_FIELDS[type] ?? NO_FIELDS
  addUnmapped(extra, mapped, 'link_url', data.linkUrl)
  addUnmapped(extra, mapped, 'bounce_code', data.bounceCode)
  addUnmapped(extra, mapped, 'bounce_message', data.bounceMessage)
  addUnmapped(extra, mapped, 'undeliv_code', data.undelivCode)
  addUnmapped(extra, mapped, 'undeliv_message', data.undelivMessage)
  addUnmapped(extra, mapped, 'pixel_id', data.pixelId)
  addUnmapped(extra, mapped, 'segment_id', data.segmentId)
  addUnmapped(extra, mapped, 'popup_id', data.popupId)
  addUnmapped(extra, mapped, 'referer', data.referer)
  addUnmapped(extra, mapped, 'utm_campaign', data.utmCampaign)
  addUnmapped(extra, mapped, 'utm_content', data.utmContent)
  addUnmapped(extra, mapped, 'utm_source', data.utmSource)
  addUnmapped(extra, mapped, 'post_uid', data.postUid)
  addUnmapped(extra, mapped, 'name', data.name)
  addUnmapped(extra, mapped, 'url', data.url)
  addUnmapped(extra, mapped, 'error', data.error)
  addUnmapped(extra, mapped, 'error_category', data.errorCategory)
  addUnmapped(extra, mapped, 'attached', data.attached)
  addUnmapped(extra, mapped, 'detached', data.detached)
  addUnmapped(extra, mapped, 'activated', data.activated)
  addUnmapped(extra, mapped, 'code', data.code)
  addUnmapped(extra, mapped, 'loyalty_id', data.loyaltyId)
  addUnmapped(extra, mapped, 'destination', data.destination)
}

function addUnmapped(
  extra: Record<string, unknown>,
  mapped: ReadonlySet<string>,
  name: string,
  value: unknown,
): void {
  if (value !== undefined && !mapped.has(name)) extra[name] = value
}

/**
 * The details of a known event: the vocabulary entry's fixed details plus what `event_data`
 * says for the type, always as a new object. Undefined for types without details; a
 * `destination` of the wrong type rejects the record (the reader throws).
 */
export function mapHookDetails(
  type: EventType,
  fixed: Details | undefined,
  data: HookEventData,
  channel: Channel,
  reader: FieldReader,
): Details | undefined {
  switch (type) {
    case 'message.clicked':
      return withMachine(clickDetails(fixed, data.linkUrl), data.userAgent)
    case 'message.bounced':
      return bounceDetails(fixed, data, channel)
    case 'message.delivery_failed':
      return compact({ code: data.undelivCode, message: data.undelivMessage })
    case 'goal.reached':
      return compact({ pixelId: data.pixelId })
    case 'segment.entered':
    case 'segment.exited':
      return compact({ segmentId: data.segmentId })
    case 'promocode.attached':
      return promocodeDetails(data, data.attached)
    case 'promocode.detached':
      return promocodeDetails(data, data.detached)
    case 'promocode.activated':
      return promocodeDetails(data, data.activated)
    case 'profile.merged':
    case 'profile.split':
      return destinationDetails(data.destination, reader)
    case 'form.loaded':
    case 'form.page_shown':
    case 'form.clicked':
    case 'form.submitted':
    case 'form.abandoned':
    case 'form.closed':
    case 'form.failed':
      return formDetails(fixed, data)
    case 'message.opened':
      return withMachine(
        fixed?.unique === undefined ? undefined : { unique: fixed.unique },
        data.userAgent,
      )
    case 'message.read':
      return { level: fixed?.level }
    case 'message.dropped':
      return { reason: fixed?.reason }
    case 'subscription.subscribed':
    case 'subscription.unsubscribed':
    case 'subscription.confirmed':
      return fixed?.via === undefined
        ? { scope: fixed?.scope }
        : { scope: fixed.scope, via: fixed.via }
    case 'profile.created':
      return fixed?.origin === undefined ? undefined : { origin: fixed.origin }
    default:
      return undefined
  }
}

/** Adds `machine: true` when the user agent names a known mail proxy (else leaves it unknown). */
function withMachine(
  details: Details | undefined,
  userAgent: string | undefined,
): Details | undefined {
  return isMailProxyUserAgent(userAgent) ? { ...details, machine: true } : details
}

function clickDetails(fixed: Details | undefined, url: string | undefined): Details | undefined {
  const unique = fixed?.unique
  if (url === undefined) return unique === undefined ? undefined : { unique }
  return unique === undefined ? { url } : { url, unique }
}

function bounceDetails(fixed: Details | undefined, data: HookEventData, channel: Channel): Details {
  const details: Record<string, unknown> = { class: fixed?.class }
  if (data.bounceCode !== undefined) {
    if (channel === 'email') details.codeKind = 'smtp'
    details.code = data.bounceCode
  }
  if (data.bounceMessage !== undefined) details.message = data.bounceMessage
  return details
}

/** `time` was checked when `event_data` was read. */
function promocodeDetails(data: HookEventData, time: string | undefined): Details | undefined {
  const parsed = time === undefined ? undefined : parseRfc3339(time)
  const at = parsed?.success ? formatInstant(parsed.instant) : undefined
  return compact({ code: data.code, loyaltyId: data.loyaltyId, at })
}

function destinationDetails(destination: unknown, reader: FieldReader): Details | undefined {
  if (destination === undefined) return undefined
  if (Array.isArray(destination)) return { destination }
  if (isRecord(destination)) return { destination: [destination] }
  return reader.wrongType(['event_data'], 'destination', destination, 'an array or an object')
}

function formDetails(fixed: Details | undefined, data: HookEventData): Details {
  const details: Record<string, unknown> = { surface: fixed?.surface }
  if (data.popupId !== undefined) details.formId = data.popupId
  if (data.name !== undefined) details.element = data.name
  if (data.url !== undefined) details.url = data.url
  if (data.referer !== undefined) details.referrer = data.referer
  if (data.postUid !== undefined) details.submissionId = data.postUid
  if (data.error !== undefined) details.error = data.error
  if (data.errorCategory !== undefined) details.errorCategory = data.errorCategory
  const utm = compact({
    campaign: data.utmCampaign,
    content: data.utmContent,
    source: data.utmSource,
  })
  if (utm !== undefined) details.utm = utm
  return details
}
