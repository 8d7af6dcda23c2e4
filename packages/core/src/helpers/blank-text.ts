/**
 * True when `text` between `start` and `end` holds only JSON whitespace (space, tab, CR, LF).
 * Anything else, even a no-break space, counts as content, so it is reported, never dropped.
 */
export function isBlank(text: string, start = 0, end = text.length): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at)
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10) return false
  }
  return true
}
