/** What {@link firstRecordKeys} found at the start of a JSON or NDJSON text. */
export type FirstRecordShape =
  | { readonly kind: 'object'; readonly keys: readonly string[] }
  | { readonly kind: 'array'; readonly first: 'object'; readonly keys: readonly string[] }
  | { readonly kind: 'array'; readonly first: 'empty' | 'other' }
  | { readonly kind: 'other' }

/**
 * The keys of the first record of a JSON document or NDJSON text, read without parsing the
 * whole text (it may be a truncated head of a huge file): for a top-level object its own keys
 * (an envelope, a single record or the first NDJSON line), for a top-level array the keys of
 * its first element. Only keys directly inside that object count, never nested ones.
 */
export function firstRecordKeys(text: string): FirstRecordShape {
  const start = skipSpace(text, 0)
  if (text[start] === '{') return { kind: 'object', keys: objectKeys(text, start) }
  if (text[start] !== '[') return { kind: 'other' }
  const element = skipSpace(text, start + 1)
  if (text[element] === ']') return { kind: 'array', first: 'empty' }
  if (text[element] !== '{') return { kind: 'array', first: 'other' }
  return { kind: 'array', first: 'object', keys: objectKeys(text, element) }
}

function skipSpace(text: string, from: number): number {
  let at = from
  while (at < text.length && /\s/.test(text[at] ?? '')) at++
  return at
}

function objectKeys(text: string, open: number): string[] {
  const keys: string[] = []
  let depth = 0
  for (let at = open; at < text.length; at++) {
    const char = text[at]
    if (char === '"') {
      const end = stringEnd(text, at)
      if (depth === 1 && text[skipSpace(text, end + 1)] === ':')
        keys.push(decodeKey(text.slice(at, end + 1)))
      at = end
    } else if (char === '{' || char === '[') {
      depth++
    } else if (char === '}' || char === ']') {
      depth--
      if (depth === 0) break
    }
  }
  return keys
}

function stringEnd(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    if (text[at] === '\\') at++
    else if (text[at] === '"') return at
  }
  return text.length
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string
  } catch {
    return quoted.slice(1, -1)
  }
}
