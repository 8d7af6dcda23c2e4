const JSON_ESCAPE_PG_REFUSES = /\\(?:\\|u0000|ud[89a-f][0-9a-f]{2})/g
const TEXT_SPECIALS = /[\\\n\r\t\0]/g
const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\uFFFD',
}

/**
 * JSON text PostgreSQL's `jsonb` accepts: `JSON.stringify` writes a NUL character as `\u0000`
 * and a lone surrogate as `\udXXX`, which `jsonb` refuses; both become U+FFFD (the replacement
 * character). Escaped backslashes (`\\u0000` is the six characters `\u0000`) stay as they are.
 */
export function jsonForPostgres(json: string): string {
  if (!json.includes('\\u0000') && !json.includes('\\ud')) return json
  return json.replace(JSON_ESCAPE_PG_REFUSES, (match) => (match === '\\\\' ? match : '\\ufffd'))
}

/**
 * A value as one field of `COPY … FROM STDIN` text format: backslash, newline, carriage return
 * and tab escaped; a NUL character, which PostgreSQL text cannot hold, becomes U+FFFD.
 */
export function copyField(value: string): string {
  return value.replace(TEXT_SPECIALS, (special) => TEXT_ESCAPES[special] ?? special)
}

/** A JSON document as one `COPY` text field of a `jsonb` column. */
export function copyJsonField(json: string): string {
  return jsonForPostgres(json).replaceAll('\\', '\\\\')
}
