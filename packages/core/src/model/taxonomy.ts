/** The version id carried by every canonical event in its `schema` field. */
export const CANONICAL_SCHEMA_VERSION = 'evnorm.event.v1'

/**
 * Every canonical event type, dotted `noun.verb_past`. The channel is a separate field and
 * never part of the name.
 */
export const EVENT_TYPES = [
  'message.sent',
  'message.delivered',
  'message.delivery_failed',
  'message.deferred',
  'message.bounced',
  'message.dropped',
  'message.opened',
  'message.read',
  'message.clicked',
  'message.replied',
  'message.complained',
  'subscription.subscribed',
  'subscription.unsubscribed',
  'subscription.confirmed',
  'profile.created',
  'profile.updated',
  'profile.deleted',
  'profile.merged',
  'profile.split',
  'segment.entered',
  'segment.exited',
  'relation.attached',
  'relation.detached',
  'relation.strengthened',
  'promocode.attached',
  'promocode.detached',
  'promocode.activated',
  'form.loaded',
  'form.page_shown',
  'form.clicked',
  'form.submitted',
  'form.abandoned',
  'form.closed',
  'form.failed',
  'goal.reached',
  'unknown',
] as const

/** A canonical event type. */
export type EventType = (typeof EVENT_TYPES)[number]

/**
 * Channels an event can travel on. `web` covers site-side events (pixels, forms, popups),
 * `none` events tied to no channel (profile, segment), `other` a vendor channel evnorm does
 * not know yet (the vendor's string stays in `source.channel`).
 */
export const CHANNELS = [
  'email',
  'sms',
  'push',
  'telegram',
  'whatsapp',
  'viber',
  'notify',
  'web',
  'none',
  'other',
] as const

/** A canonical channel. */
export type Channel = (typeof CHANNELS)[number]

/** Bounce classes: `hard` is permanent (SMTP 5xx), `soft` temporary (4xx). */
export const BOUNCE_CLASSES = ['hard', 'soft', 'unknown'] as const

/** Why a message was not sent at all. */
export const DROP_REASONS = [
  'suppression_list',
  'sending_policy',
  'invalid_address',
  'bounced_address',
  'unsubscribed',
  'spam_reported',
  'other',
] as const

/** Read depth of an opened message, by how long it stayed open. */
export const READ_LEVELS = ['glanced', 'skimmed', 'read'] as const

/** Subscription statuses (Altcraft's seven documented statuses are the reference set). */
export const SUBSCRIPTION_STATUSES = [
  'subscribed',
  'unsubscribed',
  'complained',
  'hardbounced',
  'unconfirmed',
  'suspended',
  'invalid',
] as const

/** How a local wall-clock time without offset was placed on the UTC time line. */
export const LOCAL_TIME_RESOLUTIONS = [
  'earlier',
  'later',
  'inferred_earlier',
  'inferred_later',
  'shifted_forward',
] as const
