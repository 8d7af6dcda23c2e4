const INTEGER_TEXT = /^-?\d+$/

/** Record fields that are integers in the JSON rendering. */
export const RECORD_INTEGER_FIELDS: ReadonlySet<string> = new Set([
  'list_id',
  'db_id',
  'count',
  'message_id',
  'campaign_id',
])

/** Subscription fields that are integers in the JSON rendering. */
export const SUBSCRIPTION_INTEGER_FIELDS: ReadonlySet<string> = new Set([
  'resource_id',
  'priority',
  'db_id',
])

/**
 * The JSON value of an integer field that XML or CSV gave as text: a safe integer becomes a
 * number; larger integers stay exact decimal text (the record reader takes ids that way);
 * anything else is returned unchanged for the record reader to reject with its field name.
 */
export function integerFromText(value: unknown): unknown {
  if (typeof value !== 'string' || !INTEGER_TEXT.test(value)) return value
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : value
}
