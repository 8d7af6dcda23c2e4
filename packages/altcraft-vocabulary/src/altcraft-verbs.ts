import type { Channel, EventType } from '@evnorm/core'

/** What one Altcraft verb means canonically, the same in every Altcraft feed. */
export interface AltcraftVerbMapping {
  /** The canonical type. */
  readonly type: EventType
  /** The canonical channel; absent when it comes from the record or its subscription. */
  readonly channel?: Channel
  /** Details fixed by the verb itself. */
  readonly details?: Readonly<Record<string, unknown>>
}

/**
 * Every Altcraft verb evnorm knows, from the action history (`subscribers/history_get`) and
 * the action hooks (`event_type`), mapped once for both feeds.
 */
export const ALTCRAFT_VERBS: Readonly<Record<string, AltcraftVerbMapping>> = deepFrozen({
  uopen: { type: 'message.opened', channel: 'email', details: { unique: true } },
  open: { type: 'message.opened', channel: 'email', details: { unique: false } },
  uclick: { type: 'message.clicked', channel: 'email', details: { unique: true } },
  click: { type: 'message.clicked', channel: 'email', details: { unique: false } },
  confirm: {
    type: 'subscription.confirmed',
    channel: 'email',
    details: { scope: 'channel', via: 'link' },
  },
  confirmsub: { type: 'subscription.confirmed', channel: 'email', details: { scope: 'channel' } },
  unsub: {
    type: 'subscription.unsubscribed',
    channel: 'email',
    details: { scope: 'channel', via: 'link' },
  },
  read: { type: 'message.read', channel: 'email', details: { level: 'read' } },
  glanced: { type: 'message.read', channel: 'email', details: { level: 'glanced' } },
  skimmed: { type: 'message.read', channel: 'email', details: { level: 'skimmed' } },
  click_sms: { type: 'message.clicked', channel: 'sms', details: { unique: false } },
  uclick_sms: { type: 'message.clicked', channel: 'sms', details: { unique: true } },
  unsub_sms: {
    type: 'subscription.unsubscribed',
    channel: 'sms',
    details: { scope: 'channel', via: 'link' },
  },
  open_push: { type: 'message.opened', channel: 'push', details: { unique: false } },
  uopen_push: { type: 'message.opened', channel: 'push', details: { unique: true } },
  click_push: { type: 'message.clicked', channel: 'push', details: { unique: false } },
  uclick_push: { type: 'message.clicked', channel: 'push', details: { unique: true } },
  send: { type: 'message.sent', channel: 'email' },
  deliv: { type: 'message.delivered', channel: 'email' },
  suppress: { type: 'message.dropped', details: { reason: 'suppression_list' } },
  complain: { type: 'message.complained', channel: 'email' },
  send_sms: { type: 'message.sent', channel: 'sms' },
  deliv_sms: { type: 'message.delivered', channel: 'sms' },
  send_push: { type: 'message.sent', channel: 'push' },
  deliv_push: { type: 'message.delivered', channel: 'push' },
  sbounce: { type: 'message.bounced', channel: 'email', details: { class: 'soft' } },
  hbounce: { type: 'message.bounced', channel: 'email', details: { class: 'hard' } },
  sbounce_push: { type: 'message.bounced', channel: 'push', details: { class: 'soft' } },
  hbounce_push: { type: 'message.bounced', channel: 'push', details: { class: 'hard' } },
  undeliv: { type: 'message.delivery_failed', channel: 'email' },
  undeliv_sms: { type: 'message.delivery_failed', channel: 'sms' },
  undeliv_push: { type: 'message.delivery_failed', channel: 'push' },
  pixel_open: { type: 'goal.reached', channel: 'web' },
  popup_open: { type: 'form.loaded', channel: 'web', details: { surface: 'popup' } },
  popup_close: { type: 'form.closed', channel: 'web', details: { surface: 'popup' } },
  popup_click: { type: 'form.clicked', channel: 'web', details: { surface: 'popup' } },
  popup_post: { type: 'form.submitted', channel: 'web', details: { surface: 'popup' } },
  popup_error: { type: 'form.failed', channel: 'web', details: { surface: 'popup' } },
  popup_bounce: { type: 'form.failed', channel: 'web', details: { surface: 'popup' } },
  promocode_attach: { type: 'promocode.attached', channel: 'none' },
  promocode_detach: { type: 'promocode.detached', channel: 'none' },
  promocode_activate: { type: 'promocode.activated', channel: 'none' },
  segs_add: { type: 'segment.entered', channel: 'none' },
  segs_remove: { type: 'segment.exited', channel: 'none' },
  profile_merge: { type: 'profile.merged', channel: 'none' },
  profile_split: { type: 'profile.split', channel: 'none' },
  subscribe_email: {
    type: 'subscription.subscribed',
    channel: 'email',
    details: { scope: 'channel' },
  },
  unsubscribe_email: {
    type: 'subscription.unsubscribed',
    channel: 'email',
    details: { scope: 'channel' },
  },
  reply: { type: 'message.replied', channel: 'email' },
  subscribe_sms: { type: 'subscription.subscribed', channel: 'sms', details: { scope: 'channel' } },
  unsubscribe_sms: {
    type: 'subscription.unsubscribed',
    channel: 'sms',
    details: { scope: 'channel' },
  },
  subscribe_push: {
    type: 'subscription.subscribed',
    channel: 'push',
    details: { scope: 'channel' },
  },
  unsubscribe_push: {
    type: 'subscription.unsubscribed',
    channel: 'push',
    details: { scope: 'channel' },
  },
  telegram_bot_send: { type: 'message.sent', channel: 'telegram' },
  telegram_bot_deliv: { type: 'message.delivered', channel: 'telegram' },
  telegram_bot_undeliv: { type: 'message.delivery_failed', channel: 'telegram' },
  telegram_bot_click: { type: 'message.clicked', channel: 'telegram', details: { unique: false } },
  telegram_bot_subscribe: {
    type: 'subscription.subscribed',
    channel: 'telegram',
    details: { scope: 'channel' },
  },
  whatsapp_send: { type: 'message.sent', channel: 'whatsapp' },
  whatsapp_deliv: { type: 'message.delivered', channel: 'whatsapp' },
  whatsapp_undeliv: { type: 'message.delivery_failed', channel: 'whatsapp' },
  whatsapp_click: { type: 'message.clicked', channel: 'whatsapp', details: { unique: false } },
  whatsapp_read: { type: 'message.read', channel: 'whatsapp', details: { level: 'read' } },
  whatsapp_subscribe: {
    type: 'subscription.subscribed',
    channel: 'whatsapp',
    details: { scope: 'channel' },
  },
  viber_send: { type: 'message.sent', channel: 'viber' },
  viber_deliv: { type: 'message.delivered', channel: 'viber' },
  viber_undeliv: { type: 'message.delivery_failed', channel: 'viber' },
  viber_click: { type: 'message.clicked', channel: 'viber', details: { unique: false } },
  viber_read: { type: 'message.read', channel: 'viber', details: { level: 'read' } },
  viber_subscribe: {
    type: 'subscription.subscribed',
    channel: 'viber',
    details: { scope: 'channel' },
  },
  offence: { type: 'message.dropped', details: { reason: 'sending_policy' } },
  import_manual: { type: 'profile.created', channel: 'none', details: { origin: 'manual' } },
  import_api: { type: 'profile.created', channel: 'none', details: { origin: 'api' } },
  import_file: { type: 'profile.created', channel: 'none', details: { origin: 'file' } },
  import_form: { type: 'profile.created', channel: 'none', details: { origin: 'form' } },
  import_push: { type: 'profile.created', channel: 'none', details: { origin: 'push' } },
  import_popup: { type: 'profile.created', channel: 'none', details: { origin: 'popup' } },
  unsub_api: {
    type: 'subscription.unsubscribed',
    channel: 'none',
    details: { scope: 'global', via: 'api' },
  },
  unsub_manual: {
    type: 'subscription.unsubscribed',
    channel: 'none',
    details: { scope: 'global', via: 'manual' },
  },
  rel_attach: { type: 'relation.attached', channel: 'none' },
  rel_detach: { type: 'relation.detached', channel: 'none' },
  rel_strengthen: { type: 'relation.strengthened', channel: 'none' },
  form_load: { type: 'form.loaded', channel: 'web', details: { surface: 'form' } },
  form_page_show: { type: 'form.page_shown', channel: 'web', details: { surface: 'form' } },
  form_post: { type: 'form.submitted', channel: 'web', details: { surface: 'form' } },
  form_abandon: { type: 'form.abandoned', channel: 'web', details: { surface: 'form' } },
  form_bounce: { type: 'form.failed', channel: 'web', details: { surface: 'form' } },
})

function deepFrozen(
  mappings: Record<string, AltcraftVerbMapping>,
): Readonly<Record<string, AltcraftVerbMapping>> {
  for (const mapping of Object.values(mappings)) {
    if (mapping.details !== undefined) Object.freeze(mapping.details)
    Object.freeze(mapping)
  }
  return Object.freeze(mappings)
}
