/**
 * Separators, then an optional `+` or a first digit, then separators and digits. The two
 * branches start with different characters that no separator matches, so the regex never
 * backtracks more than one step per character (linear on hostile input).
 */
const PHONE_TEXT =
  /^[\s().\-\u2010-\u2015\u2212]*(?:(\+)[\s().\-\u2010-\u2015\u2212\d]*|\d[\s().\-\u2010-\u2015\u2212\d]*)?$/
const NOT_DIGIT = /\D/g

/**
 * Normalizes an email address without losing anything the vendor sent: trims surrounding
 * whitespace and lower-cases the domain (the text after the last `@`), keeping the local part
 * as sent (RFC 5321 lets it be case-sensitive). Lower-casing is the locale-independent Unicode
 * mapping, so the result does not depend on the host.
 *
 * @param text - The vendor's email value.
 * @returns The normalized address; the trimmed text unchanged when it has no `@`; `undefined`
 * for an empty or whitespace-only string.
 */
export function normalizeEmail(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  const at = trimmed.lastIndexOf('@')
  if (at === -1 || !mayChangeCase(trimmed, at + 1)) return trimmed
  return trimmed.slice(0, at + 1) + trimmed.slice(at + 1).toLowerCase()
}

/** Whether `text` from `from` on has an ASCII capital or any non-ASCII character. */
function mayChangeCase(text: string, from: number): boolean {
  for (let index = from; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if ((code >= 65 && code <= 90) || code > 127) return true
  }
  return false
}

/**
 * Normalizes a phone number to an optional leading `+` and ASCII digits, dropping separators:
 * whitespace, `.`, `(`, `)`, `-` and the Unicode hyphens and dashes U+2010–U+2015 and minus
 * sign U+2212. The `+` must come before the first digit and at most once.
 *
 * @param text - The vendor's phone value.
 * @returns The normalized number, e.g. `+3725551234`; `undefined` when no digit remains or
 * when any other character is present (letters, `#`, `*`, a second or late `+`, non-ASCII digits).
 */
export function normalizePhone(text: string): string | undefined {
  const match = PHONE_TEXT.exec(text)
  if (match === null) return undefined
  const digits = text.replace(NOT_DIGIT, '')
  if (digits === '') return undefined
  return (match[1] ?? '') + digits
}
