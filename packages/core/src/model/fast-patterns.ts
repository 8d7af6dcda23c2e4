const DASH = 45
const COLON = 58
const DOT = 46
const LETTER_T = 84
const LETTER_Z = 90

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  const lower = code | 0x20
  return lower >= 97 && lower <= 102 ? lower - 87 : -1
}

/** `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$`, by character codes. */
function isInstantText(text: string): boolean {
  if (text.length !== 30) return false
  for (let index = 0; index < 30; index++) {
    const code = text.charCodeAt(index)
    switch (index) {
      case 4:
      case 7:
        if (code !== DASH) return false
        break
      case 10:
        if (code !== LETTER_T) return false
        break
      case 13:
      case 16:
        if (code !== COLON) return false
        break
      case 19:
        if (code !== DOT) return false
        break
      case 29:
        if (code !== LETTER_Z) return false
        break
      default:
        if (!isDigit(code)) return false
    }
  }
  return true
}

/** zod's UUID pattern (RFC 9562 versions 1–8 with the RFC variant, or the nil and max UUIDs), by character codes. */
function isUuidText(text: string): boolean {
  if (text.length !== 36) return false
  let nil = true
  let max = true
  for (let index = 0; index < 36; index++) {
    const code = text.charCodeAt(index)
    if (index === 8 || index === 13 || index === 18 || index === 23) {
      if (code !== DASH) return false
      continue
    }
    const value = hexValue(code)
    if (value === -1) return false
    nil &&= value === 0
    max &&= code === 102
  }
  if (nil || max) return true
  const version = hexValue(text.charCodeAt(14))
  const variant = hexValue(text.charCodeAt(19))
  return version >= 1 && version <= 8 && variant >= 8 && variant <= 11
}

/**
 * Character-code equivalents of the regular expressions the canonical schema uses on every
 * event, keyed by the pattern's source; each is property-tested to agree with its pattern.
 */
export const FAST_PATTERNS: ReadonlyMap<string, (text: string) => boolean> = new Map([
  ['^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z$', isInstantText],
  [
    '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$',
    isUuidText,
  ],
])
