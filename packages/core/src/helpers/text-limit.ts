import { constants } from 'node:buffer'

/** The longest string V8 can hold (2^29 − 24 UTF-16 units on 64-bit hosts). */
export const MAX_TEXT_LENGTH = constants.MAX_STRING_LENGTH

/** The message for a text (`what`: an element, a line, the document) longer than `limit`. */
export function tooLongMessage(what: string, limit: number): string {
  return `${what} is longer than ${limit} characters${limit === MAX_TEXT_LENGTH ? ', the longest string JavaScript can hold' : ' (maxTextLength)'}`
}
