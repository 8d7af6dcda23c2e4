/** A number as JSON writes it (no leading zeros, no `+`, no bare `.5`). */
const JSON_NUMBER_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

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
 * The JSON value of an integer field that XML or CSV gave as text: text that JSON would parse
 * to a safe integer becomes that number (`7`, `1.0`, `1e3`), as `JSON.parse` reads it; other
 * text stays text (larger integers exact, which the record reader takes as ids; `00`, which
 * JSON would only carry as a string; anything else, for the reader to reject by name).
 */
export function integerFromText(value: unknown): unknown {
  if (typeof value !== 'string' || !JSON_NUMBER_TEXT.test(value)) return value
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : value
}
