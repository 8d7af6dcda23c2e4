import type { Vocabulary } from '@evnorm/core'

/** Every sendgrid verb the adapter knows; anything else becomes an `unknown` event. */
export const SENDGRID_EVENTS_VOCABULARY: Vocabulary = Object.freeze([
  Object.freeze({
    verb: 'delivered',
    type: 'message.delivered',
    channel: 'email',
    description: 'message delivered',
  }),
])
