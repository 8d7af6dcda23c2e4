const JSON_TYPES = /^(application\/(json|[\w.+-]+\+json|x-ndjson|ndjson)|text\/json)$/

/**
 * True when a request's `Content-Type` allows a JSON body: none (the hook's documentation does
 * not say what it sends), `application/json`, `application/*+json`, `text/json` or NDJSON.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true
  const type = header.split(';')[0]?.trim().toLowerCase() ?? ''
  return JSON_TYPES.test(type)
}
