import {
  type InputFormat,
  type ParseOptions,
  type ParseResult,
  UnreadableInputError,
} from '@evnorm/core'
import { readInput } from '@evnorm/core/adapter'
import { ALTCRAFT_HOOKS_FEED } from './altcraft-hooks-event-id.js'
import { describeValue, isObject } from './altcraft-hooks-field-reader.js'

/** The text formats the hooks adapter reads. */
export const ALTCRAFT_HOOKS_FORMATS: readonly InputFormat[] = ['json', 'ndjson']

/**
 * Reads a hook input into messages: a JSON array (an HTTP POST batch body), one message object
 * (a RabbitMQ or Kafka delivery), or NDJSON (one message per line), as text, bytes or an
 * already-parsed value. Never throws on data.
 */
export function parseHookInput(input: unknown, options: ParseOptions = {}): ParseResult {
  const read = readInput(input, {
    feed: ALTCRAFT_HOOKS_FEED,
    formats: ALTCRAFT_HOOKS_FORMATS,
    ...(options.format === undefined ? {} : { format: options.format }),
  })
  if (!read.success) return read
  if (read.format === 'ndjson') {
    const { records, lines } = read
    return { success: true, format: 'ndjson', records, locate: (index) => `line ${lines[index]}` }
  }
  if (!('value' in read)) return unreadable(read.format, 'not a hook format')
  const { value } = read
  if (Array.isArray(value)) {
    return { success: true, format: read.format, records: value, locate: (index) => `$[${index}]` }
  }
  if (isObject(value))
    return { success: true, format: read.format, records: [value], locate: () => '$' }
  return unreadable(
    read.format,
    `the document is ${describeValue(value)}; expected a JSON array of hook messages or one message object`,
  )
}

function unreadable(format: string, reason: string): ParseResult {
  return {
    success: false,
    error: new UnreadableInputError({ feed: ALTCRAFT_HOOKS_FEED, format, reason }),
  }
}
