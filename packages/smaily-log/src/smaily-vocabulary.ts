import type { Vocabulary } from '@evnorm/core'

/**
 * The ten actions of Smaily's subscriber action log (`api/history.php`), as data: vendor
 * `action` → canonical type, channel and the details fixed by the action itself. Every
 * action is an email-channel action; an action not listed here becomes an `unknown` event
 * on channel `other` that keeps the vendor's string in `source.verb`.
 */
export const SMAILY_LOG_VOCABULARY = [
  {
    verb: 'bounce',
    type: 'message.bounced',
    channel: 'email',
    description:
      "Delivery to the subscriber's address failed; value is the SMTP response code (5xx hard, 4xx soft).",
  },
  {
    verb: 'click',
    type: 'message.clicked',
    channel: 'email',
    description: 'The subscriber clicked a link; value is the URL.',
  },
  {
    verb: 'complaint',
    type: 'message.complained',
    channel: 'email',
    description: 'The subscriber reported the email as spam.',
  },
  {
    verb: 'create',
    type: 'profile.created',
    channel: 'email',
    description: 'The subscriber was added to the Smaily database.',
  },
  {
    verb: 'delete',
    type: 'profile.deleted',
    channel: 'email',
    description: 'The subscriber was deleted from the Smaily database.',
  },
  {
    verb: 'modify',
    type: 'profile.updated',
    channel: 'email',
    description: "The subscriber's data changed; value holds all fields as 'key=value; ' pairs.",
  },
  {
    verb: 'optin',
    type: 'subscription.subscribed',
    channel: 'email',
    details: { scope: 'global' },
    description: 'The subscriber subscribed.',
  },
  {
    verb: 'optout',
    type: 'subscription.unsubscribed',
    channel: 'email',
    details: { scope: 'global' },
    description: 'The subscriber unsubscribed.',
  },
  {
    verb: 'send',
    type: 'message.sent',
    channel: 'email',
    description: 'The subscriber received (was sent) an email.',
  },
  {
    verb: 'view',
    type: 'message.opened',
    channel: 'email',
    description:
      'The subscriber viewed (opened) a message; value describes the OS, email client, IP address and country.',
  },
] as const satisfies Vocabulary

/** A Smaily action the adapter knows. */
export type SmailyAction = (typeof SMAILY_LOG_VOCABULARY)[number]['verb']
