import { altcraftVocabulary } from '@evnorm/altcraft-vocabulary'
import type { Channel, Vocabulary } from '@evnorm/core'

const HISTORY = '(history name; not documented as a hook event_type, accepted if it arrives)'

/**
 * Every Altcraft action-hook `event_type` evnorm knows (the hooks' event list, `uclick_sms` listed
 * once although the vendor page lists it twice), followed by the action-history names that
 * may also arrive as hook events, mapped as the history adapter maps them.
 * An entry without `channel` takes the channel of the subscription the event went through
 * (else `channelWithoutSubscription`). Anything else becomes an `unknown` event that
 * keeps the verb.
 */
export const ALTCRAFT_HOOKS_VOCABULARY: Vocabulary = altcraftVocabulary([
  ['uopen', 'email opened, first (unique) open'],
  ['open', 'email opened, every open (not unique)'],
  ['uclick', 'email link clicked, first (unique) click'],
  ['click', 'email link clicked, every click (not unique)'],
  ['confirm', 'double-opt-in confirmation link clicked'],
  ['confirmsub', 'subscription confirmed (difference from confirm undocumented)'],
  ['unsub', 'unsubscribe link followed, profile unsubscribed'],
  ['read', 'email opened and kept open at least 8 s'],
  ['glanced', 'email glanced at (short open; threshold undocumented)'],
  ['skimmed', 'email skimmed (medium open; threshold undocumented)'],
  ['click_sms', 'SMS link clicked, every click (not unique)'],
  ['uclick_sms', 'SMS link clicked, first (unique) click'],
  ['unsub_sms', 'unsubscribed through the SMS link'],
  ['open_push', 'push opened, every open (not unique)'],
  ['uopen_push', 'push opened, first (unique) open'],
  ['click_push', 'push clicked, every click (not unique)'],
  ['uclick_push', 'push clicked, first (unique) click'],
  ['send', 'email handed off for sending'],
  ['deliv', 'email delivered'],
  ['suppress', 'not sent: the profile is on a suppression (stop) list, any channel'],
  ['complain', 'spam complaint received'],
  ['send_sms', 'SMS handed to the gateway'],
  ['deliv_sms', 'SMS delivered'],
  ['send_push', 'push sent'],
  ['deliv_push', 'push delivered'],
  ['sbounce', 'email soft bounce'],
  ['hbounce', 'email hard bounce'],
  ['sbounce_push', 'push soft bounce'],
  ['hbounce_push', 'push hard bounce'],
  ['undeliv', 'email not delivered'],
  ['undeliv_sms', 'SMS not delivered'],
  ['undeliv_push', 'push not delivered'],
  ['pixel_open', 'Altcraft pixel fired on the site (goal reached)'],
  ['popup_open', 'popup shown'],
  ['popup_close', 'popup closed'],
  ['popup_click', 'popup element clicked'],
  ['popup_post', 'popup form submitted'],
  ['popup_error', 'popup error'],
  ['popup_bounce', 'popup bounce (error; meaning inferred from the name)'],
  ['promocode_attach', 'promo code attached to the profile'],
  ['promocode_detach', 'promo code detached from the profile'],
  ['promocode_activate', 'promo code activated'],
  ['segs_add', 'profile added to a static segment'],
  ['segs_remove', 'profile removed from a static segment'],
  ['profile_merge', 'profiles merged'],
  ['profile_split', 'profile split'],
  ['subscribe_email', `subscribed to the resource's email channel ${HISTORY}`],
  ['unsubscribe_email', `unsubscribed from the resource's email channel ${HISTORY}`],
  ['reply', `reply to the email received ${HISTORY}`],
  ['subscribe_sms', `subscribed to the SMS channel ${HISTORY}`],
  ['unsubscribe_sms', `unsubscribed from the SMS channel ${HISTORY}`],
  ['subscribe_push', `subscribed to push ${HISTORY}`],
  ['unsubscribe_push', `unsubscribed from push ${HISTORY}`],
  ['telegram_bot_send', `Telegram bot message sent ${HISTORY}`],
  ['telegram_bot_deliv', `Telegram bot message delivered ${HISTORY}`],
  ['telegram_bot_undeliv', `Telegram bot message not delivered ${HISTORY}`],
  ['telegram_bot_click', `Telegram bot message link clicked, every click ${HISTORY}`],
  ['telegram_bot_subscribe', `subscribed to the Telegram bot ${HISTORY}`],
  ['whatsapp_send', `WhatsApp message sent ${HISTORY}`],
  ['whatsapp_deliv', `WhatsApp message delivered ${HISTORY}`],
  ['whatsapp_undeliv', `WhatsApp message not delivered ${HISTORY}`],
  ['whatsapp_click', `WhatsApp link clicked, every click (not unique) ${HISTORY}`],
  ['whatsapp_read', `WhatsApp message read ${HISTORY}`],
  ['whatsapp_subscribe', `subscribed to WhatsApp ${HISTORY}`],
  ['viber_send', `Viber message sent ${HISTORY}`],
  ['viber_deliv', `Viber message delivered ${HISTORY}`],
  ['viber_undeliv', `Viber message rejected by Viber or the gateway ${HISTORY}`],
  ['viber_click', `Viber link clicked, every repeat counted ${HISTORY}`],
  ['viber_read', `Viber message read ${HISTORY}`],
  ['viber_subscribe', `subscribed to Viber ${HISTORY}`],
  ['offence', `not sent because of a sending-policy limit, any channel ${HISTORY}`],
  ['import_manual', `profile created by manual entry ${HISTORY}`],
  ['import_api', `profile created through the API ${HISTORY}`],
  ['import_file', `profile created by a file import ${HISTORY}`],
  ['import_form', `profile created by a form ${HISTORY}`],
  ['import_push', `profile created by a push subscription import ${HISTORY}`],
  ['import_popup', `profile created by a popup ${HISTORY}`],
  ['unsub_api', `unsubscribed from mailings through the API ${HISTORY}`],
  ['unsub_manual', `global profile status manually set to Unsubscribed ${HISTORY}`],
  ['rel_attach', `profile gained a relation ${HISTORY}`],
  ['rel_detach', `profile lost a relation ${HISTORY}`],
  ['rel_strengthen', `relation weight increased ${HISTORY}`],
  ['form_load', `form loaded ${HISTORY}`],
  ['form_page_show', `form page shown ${HISTORY}`],
  ['form_post', `form submitted ${HISTORY}`],
  ['form_abandon', `form page kept open 1 h without submitting ${HISTORY}`],
  ['form_bounce', `form filling error ${HISTORY}`],
])

/**
 * The channel of a verb whose vocabulary entry has none when no subscription gives it:
 * `email` for `suppress` (listed among the hooks' email messaging events,
 * though the action history says "any channel"), `other` for the rest.
 */
export function channelWithoutSubscription(verb: string): Channel {
  return verb === 'suppress' ? 'email' : 'other'
}
