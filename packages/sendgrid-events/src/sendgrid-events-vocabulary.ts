import type { Vocabulary, VocabularyEntry } from '@evnorm/core'

function entry(
  verb: string,
  type: VocabularyEntry['type'],
  description: string,
  details?: Readonly<Record<string, unknown>>,
): VocabularyEntry {
  return Object.freeze({
    verb,
    type,
    channel: 'email',
    ...(details === undefined ? {} : { details: Object.freeze(details) }),
    description,
  })
}

/**
 * Every SendGrid Event Webhook `event` the adapter knows (delivery and engagement events);
 * anything else becomes an `unknown` event that keeps the verb. `bounce` takes its class from
 * `type` (`bounce` hard, `blocked` soft) and `dropped` its reason from `reason`.
 */
export const SENDGRID_EVENTS_VOCABULARY: Vocabulary = Object.freeze([
  entry('processed', 'message.sent', 'message received and ready to be delivered'),
  entry('dropped', 'message.dropped', 'message not sent (reason in `reason`)'),
  entry('delivered', 'message.delivered', 'message accepted by the receiving server'),
  entry('deferred', 'message.deferred', 'receiving server temporarily rejected it; retried'),
  entry('bounce', 'message.bounced', 'receiving server rejected it (type bounce or blocked)'),
  entry('open', 'message.opened', 'message opened (sg_machine_open: by a machine)'),
  entry('click', 'message.clicked', 'recipient clicked a link'),
  entry('spamreport', 'message.complained', 'recipient marked the message as spam'),
  entry('unsubscribe', 'subscription.unsubscribed', 'recipient unsubscribed from all email', {
    scope: 'global',
  }),
  entry(
    'group_unsubscribe',
    'subscription.unsubscribed',
    'recipient unsubscribed from one suppression group (asm_group_id)',
    { scope: 'group' },
  ),
  entry(
    'group_resubscribe',
    'subscription.subscribed',
    'recipient resubscribed to one suppression group (asm_group_id)',
    { scope: 'group' },
  ),
])
