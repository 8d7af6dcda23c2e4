import type { Channel, EventType, VocabularyEntry } from '@evnorm/core'

function entry(
  verb: string,
  type: EventType,
  channel: Channel | undefined,
  description: string,
  details?: Readonly<Record<string, unknown>>,
): VocabularyEntry {
  return Object.freeze({
    verb,
    type,
    ...(channel === undefined ? {} : { channel }),
    ...(details === undefined ? {} : { details: Object.freeze(details) }),
    description,
  })
}

const NOT_UNIQUE = { unique: false } as const
const CHANNEL_SCOPE = { scope: 'channel' } as const
const FORM = { surface: 'form' } as const

function messenger(prefix: string, channel: Channel, name: string): VocabularyEntry[] {
  return [
    entry(`${prefix}_send`, 'message.sent', channel, `${name} message sent for delivery`),
    entry(`${prefix}_deliv`, 'message.delivered', channel, `${name} message delivered`),
    entry(`${prefix}_undeliv`, 'message.delivery_failed', channel, `${name} message not delivered`),
    entry(
      `${prefix}_click`,
      'message.clicked',
      channel,
      `${name} link click (each click counted)`,
      NOT_UNIQUE,
    ),
  ]
}

function importEntry(origin: string, description: string): VocabularyEntry {
  return entry(`import_${origin}`, 'profile.created', 'none', description, { origin })
}

/**
 * The Altcraft action history vocabulary (`action` of `subscribers/history_get` and
 * `history_get_all`), as documented on the EN and RU pages (the two lists are identical).
 * Verbs without a channel (`offence`, `suppress`) take it from the record. Anything else,
 * e.g. `web_version_save`, becomes an `unknown` event that keeps the verb.
 */
export const ALTCRAFT_HISTORY_VOCABULARY: readonly VocabularyEntry[] = Object.freeze([
  entry('send', 'message.sent', 'email', 'email handed off for sending'),
  entry('deliv', 'message.delivered', 'email', 'email delivered'),
  entry('undeliv', 'message.delivery_failed', 'email', 'email not delivered'),
  entry('open', 'message.opened', 'email', 'email opened', NOT_UNIQUE),
  entry('read', 'message.read', 'email', 'email kept open for 8 seconds or more', {
    level: 'read',
  }),
  entry(
    'click',
    'message.clicked',
    'email',
    'link click in an email, one event per click',
    NOT_UNIQUE,
  ),
  entry('confirm', 'subscription.confirmed', 'email', 'double opt-in confirmation link clicked', {
    scope: 'channel',
    via: 'link',
  }),
  entry(
    'subscribe_email',
    'subscription.subscribed',
    'email',
    "subscribed to the resource's email channel",
    CHANNEL_SCOPE,
  ),
  entry(
    'unsubscribe_email',
    'subscription.unsubscribed',
    'email',
    "unsubscribed from the resource's email channel",
    CHANNEL_SCOPE,
  ),
  entry('reply', 'message.replied', 'email', 'a reply to the email was received'),
  entry('complain', 'message.complained', 'email', 'spam complaint status received'),
  entry('hbounce', 'message.bounced', 'email', 'hard-bounce status received', { class: 'hard' }),
  entry('send_sms', 'message.sent', 'sms', 'SMS handed to the gateway'),
  entry('deliv_sms', 'message.delivered', 'sms', 'SMS delivered'),
  entry('undeliv_sms', 'message.delivery_failed', 'sms', 'SMS not delivered'),
  entry('click_sms', 'message.clicked', 'sms', 'non-unique link click in an SMS', NOT_UNIQUE),
  entry(
    'subscribe_sms',
    'subscription.subscribed',
    'sms',
    "subscribed to the resource's SMS channel",
    CHANNEL_SCOPE,
  ),
  entry(
    'unsubscribe_sms',
    'subscription.unsubscribed',
    'sms',
    "unsubscribed from the resource's SMS channel",
    CHANNEL_SCOPE,
  ),
  entry('send_push', 'message.sent', 'push', 'push sent'),
  entry('deliv_push', 'message.delivered', 'push', 'push delivered'),
  entry('open_push', 'message.opened', 'push', 'non-unique push open', NOT_UNIQUE),
  entry('click_push', 'message.clicked', 'push', 'push clicked', NOT_UNIQUE),
  entry('undeliv_push', 'message.delivery_failed', 'push', 'push not delivered'),
  entry(
    'subscribe_push',
    'subscription.subscribed',
    'push',
    "subscribed to the resource's push channel",
    CHANNEL_SCOPE,
  ),
  entry(
    'unsubscribe_push',
    'subscription.unsubscribed',
    'push',
    "unsubscribed from the resource's push channel",
    CHANNEL_SCOPE,
  ),
  ...messenger('telegram_bot', 'telegram', 'Telegram bot'),
  entry(
    'telegram_bot_subscribe',
    'subscription.subscribed',
    'telegram',
    'subscribed to the Telegram bot channel',
    CHANNEL_SCOPE,
  ),
  ...messenger('whatsapp', 'whatsapp', 'WhatsApp'),
  entry('whatsapp_read', 'message.read', 'whatsapp', 'WhatsApp message read', { level: 'read' }),
  entry(
    'whatsapp_subscribe',
    'subscription.subscribed',
    'whatsapp',
    'subscribed to the WhatsApp channel',
    CHANNEL_SCOPE,
  ),
  ...messenger('viber', 'viber', 'Viber'),
  entry('viber_read', 'message.read', 'viber', 'Viber message read', { level: 'read' }),
  entry(
    'viber_subscribe',
    'subscription.subscribed',
    'viber',
    'subscribed to the Viber channel',
    CHANNEL_SCOPE,
  ),
  entry('offence', 'message.dropped', undefined, 'not sent because of a sending-policy limit', {
    reason: 'sending_policy',
  }),
  entry(
    'suppress',
    'message.dropped',
    undefined,
    'not sent because the profile is on a stop list',
    {
      reason: 'suppression_list',
    },
  ),
  importEntry('manual', 'profile created manually'),
  importEntry('api', 'profile created by API import'),
  importEntry('file', 'profile created by import from a file'),
  importEntry('form', 'profile created by import from a form'),
  importEntry('push', 'profile created by a push import'),
  importEntry('popup', 'profile created by import via a popup'),
  entry(
    'unsub_api',
    'subscription.unsubscribed',
    'none',
    'unsubscribed from mailings via the API',
    {
      scope: 'global',
      via: 'api',
    },
  ),
  entry(
    'unsub_manual',
    'subscription.unsubscribed',
    'none',
    'global profile status manually set to Unsubscribed',
    {
      scope: 'global',
      via: 'manual',
    },
  ),
  entry('pixel_open', 'goal.reached', 'web', 'goal reached (tracking pixel fired)'),
  entry('promocode_attach', 'promocode.attached', 'none', 'promo code attached'),
  entry('promocode_detach', 'promocode.detached', 'none', 'promo code detached'),
  entry('promocode_activate', 'promocode.activated', 'none', 'promo code activated'),
  entry('segs_add', 'segment.entered', 'none', 'entered a static segment'),
  entry('segs_remove', 'segment.exited', 'none', 'left a static segment'),
  entry('rel_attach', 'relation.attached', 'none', 'gained a relation with another profile'),
  entry('rel_detach', 'relation.detached', 'none', 'lost a relation with another profile'),
  entry(
    'rel_strengthen',
    'relation.strengthened',
    'none',
    'weight of a relation between profiles increased',
  ),
  entry('form_load', 'form.loaded', 'web', 'form loaded', FORM),
  entry('form_page_show', 'form.page_shown', 'web', 'form page shown', FORM),
  entry('form_post', 'form.submitted', 'web', 'form filled in and submitted', FORM),
  entry(
    'form_abandon',
    'form.abandoned',
    'web',
    'form page kept open for an hour without submitting',
    FORM,
  ),
  entry('form_bounce', 'form.failed', 'web', 'error while filling in the form', FORM),
])
