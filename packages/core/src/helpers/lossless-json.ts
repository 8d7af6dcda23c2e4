/** What {@link parseJsonLossless} returns: the value, or why the text is not JSON. */
export type JsonParseResult =
  | { readonly success: true; readonly value: unknown }
  | {
      readonly success: false
      /** The JSON parser's message. */
      readonly message: string
      /** Character offset of the problem, when the parser names one. */
      readonly position?: number
    }

const SHORTEST_UNSAFE_DIGITS = 16
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER)
const PARSE_FAILED = Symbol('parse failed')
/**
 * Integers beyond ±(2^53−1) without leading zeros: 17 to 400 digits (bounded so that the
 * regular expression's backtracking stack stays small; longer runs take the general path), or
 * 16 digits above 9007199254740991.
 */
const UNSAFE_INTEGER = `-?(?:[1-9]\\d{16,399}|${[...MAX_SAFE_DIGITS]
  .flatMap((digit, index) =>
    digit === '9'
      ? []
      : [`${MAX_SAFE_DIGITS.slice(0, index)}[${Number(digit) + 1}-9]\\d{${15 - index}}`],
  )
  .join('|')})`
/**
 * The common case, a member value `"key": 123…` followed by `,` `}` or `]`, for one native
 * replace (whitespace runs bounded like the digits).
 */
const MEMBER_UNSAFE_INTEGER = new RegExp(
  `:([ \\t\\n\\r]{0,64})(${UNSAFE_INTEGER})(?=[ \\t\\n\\r]{0,64}[,}\\]])`,
  'g',
)

/**
 * Parses JSON text like `JSON.parse`, but integers beyond ±(2^53−1) become decimal strings
 * exactly as written (sign kept), so 64-bit ids survive. Fractions and exponents stay
 * numbers. Text without a run of 16 digits goes straight to `JSON.parse`. Never throws.
 */
export function parseJsonLossless(text: string): JsonParseResult {
  const firstRun = longDigitRunAt(text, 0)
  if (firstRun === -1) return parseOrDescribe(text)
  const bounds = unsafeNumbersInValueContext(text, firstRun)
  if (bounds.length === 0) return parseOrDescribe(text)
  let quoted = text.replace(MEMBER_UNSAFE_INTEGER, ':$1"$2"')
  if (quoted.length !== text.length + bounds.length) quoted = quoteAt(text, bounds)
  const optimistic = tryParse(quoted)
  if (optimistic !== PARSE_FAILED) return { success: true, value: optimistic }
  const exactBounds = outsideStrings(text, bounds)
  if (exactBounds.length === bounds.length) return parseOrDescribe(text)
  const exact = tryParse(quoteAt(text, exactBounds))
  if (exact !== PARSE_FAILED) return { success: true, value: exact }
  return parseOrDescribe(text)
}

/**
 * Start and end of every unsafe integer whose neighbours (`:` `[` `,` or the start before,
 * `,` `]` `}` or the end after, whitespace aside) fit a JSON value, found without tracking
 * strings. Quoting a digit run that is in fact inside a string ends that string right before
 * a bare number, which no JSON allows: when the quoted text parses, every quoted run was a
 * number token, and every unsafe number token is in this list. Otherwise the caller keeps
 * only the runs {@link outsideStrings}. The member replace quotes a subset of this list, so
 * when it quoted as many, it quoted exactly these.
 */
function unsafeNumbersInValueContext(text: string, firstRun: number): number[] {
  const bounds: number[] = []
  for (let start = firstRun; start !== -1; ) {
    let end = start + SHORTEST_UNSAFE_DIGITS
    while (isDigit(text.charCodeAt(end))) end++
    const tokenStart = text.charCodeAt(start - 1) === 45 ? start - 1 : start
    if (
      text.charCodeAt(start) !== 48 &&
      isUnsafeDigits(text, start, end) &&
      opensValue(text.charCodeAt(skipWhitespaceBackward(text, tokenStart))) &&
      closesValue(text.charCodeAt(skipWhitespaceForward(text, end)))
    ) {
      bounds.push(tokenStart, end)
    }
    start = longDigitRunAt(text, end)
  }
  return bounds
}

/** `text` with quotes around each `[start, end)` pair of `bounds`. */
function quoteAt(text: string, bounds: readonly number[]): string {
  let out = ''
  let copied = 0
  for (let index = 0; index < bounds.length; index += 2) {
    const start = bounds[index] as number
    const end = bounds[index + 1] as number
    out += `${text.slice(copied, start)}"${text.slice(start, end)}"`
    copied = end
  }
  return out + text.slice(copied)
}

/**
 * The `[start, end)` pairs of `bounds` that lie outside JSON strings, found by jumping from
 * quote to quote (each string is crossed once, so the walk is linear).
 */
function outsideStrings(text: string, bounds: readonly number[]): number[] {
  const kept: number[] = []
  let outside = 0
  let open = text.indexOf('"')
  for (let index = 0; index < bounds.length; index += 2) {
    const start = bounds[index] as number
    while (open !== -1 && open < start) {
      const close = closingQuote(text, open + 1)
      if (close === -1) return kept
      outside = close + 1
      open = text.indexOf('"', outside)
    }
    if (start >= outside) kept.push(start, bounds[index + 1] as number)
  }
  return kept
}

/** Index of the first quote at or after `from` that no backslash escapes, or -1. */
function closingQuote(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++
    if (backslashes % 2 === 0) return quote
  }
  return -1
}

/** Start of the first run of at least 16 ASCII digits at or after `from`, or -1. */
function longDigitRunAt(text: string, from: number): number {
  const length = text.length
  let probe = from + SHORTEST_UNSAFE_DIGITS - 1
  while (probe < length) {
    if (!isDigit(text.charCodeAt(probe))) {
      probe += SHORTEST_UNSAFE_DIGITS
      continue
    }
    let start = probe
    while (start > from && isDigit(text.charCodeAt(start - 1))) start--
    let end = probe + 1
    while (isDigit(text.charCodeAt(end))) end++
    if (end - start >= SHORTEST_UNSAFE_DIGITS) return start
    probe = end + SHORTEST_UNSAFE_DIGITS
  }
  return -1
}

function isUnsafeDigits(text: string, start: number, end: number): boolean {
  const digits = end - start
  if (digits !== MAX_SAFE_DIGITS.length) return digits > MAX_SAFE_DIGITS.length
  return text.slice(start, end) > MAX_SAFE_DIGITS
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9
}

function skipWhitespaceBackward(text: string, before: number): number {
  let at = before - 1
  while (isWhitespace(text.charCodeAt(at))) at--
  return at
}

function skipWhitespaceForward(text: string, from: number): number {
  let at = from
  while (isWhitespace(text.charCodeAt(at))) at++
  return at
}

/** `:` `[` `,` or nothing (NaN: before the start). */
function opensValue(code: number): boolean {
  return code === 58 || code === 91 || code === 44 || Number.isNaN(code)
}

/** `,` `]` `}` or nothing (NaN: past the end). */
function closesValue(code: number): boolean {
  return code === 44 || code === 93 || code === 125 || Number.isNaN(code)
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return PARSE_FAILED
  }
}

function parseOrDescribe(text: string): JsonParseResult {
  try {
    return { success: true, value: JSON.parse(text) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /at position (\d+)/.exec(message)?.[1]
    if (position !== undefined) return { success: false, message, position: Number(position) }
    if (/end of (?:JSON )?input/i.test(message)) {
      return { success: false, message, position: text.length }
    }
    return { success: false, message }
  }
}
