import type { AnyAdapter, InputFormat } from '../model/adapter.js'
import { UnreadableInputError } from '../model/errors.js'

/** Calls `adapter.parse`, turning a throw (an adapter bug) into an unreadable-input error. */
export function parseSafely(
  adapter: AnyAdapter,
  input: unknown,
  format: InputFormat | undefined,
): ReturnType<AnyAdapter['parse']> {
  try {
    return adapter.parse(input, format === undefined ? {} : { format })
  } catch (error) {
    return {
      success: false,
      error: new UnreadableInputError({
        feed: adapter.feed,
        format: format ?? 'auto',
        reason: `the adapter's parser threw: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      }),
    }
  }
}
