/** What {@link firstRecordKeys} found at the start of a JSON or NDJSON text. */
export type FirstRecordShape =
  | {
      readonly kind: 'object'
      readonly keys: readonly string[]
      /** Keys of the first element of the object's `data` array (Altcraft's envelope), when seen. */
      readonly dataKeys?: readonly string[]
    }
  | { readonly kind: 'array'; readonly first: 'object'; readonly keys: readonly string[] }
  | { readonly kind: 'array'; readonly first: 'empty' | 'other' }
  | { readonly kind: 'other' }

/**
 * The keys of the first record of a JSON document or NDJSON text, read without parsing the
 * whole text (it may be a truncated head of a huge file): for a top-level object its own keys
 * (an envelope, a single record or the first NDJSON line) and those of the first element of
 * its `data` array, for a top-level array the keys of its first element. Only keys directly
 * inside that object count, never nested ones.
 */
export function firstRecordKeys(text: string): FirstRecordShape {
  const start = skipSpace(text, 0)
  if (text[start] === '{') {
    const members = objectMembers(text, start)
    const data = members.find((member) => member.key === 'data')
    const element =
      data !== undefined && text[data.valueAt] === '[' ? skipSpace(text, data.valueAt + 1) : -1
    const keys = members.map((member) => member.key)
    if (text[element] !== '{') return { kind: 'object', keys }
    return {
      kind: 'object',
      keys,
      dataKeys: objectMembers(text, element).map((member) => member.key),
    }
  }
  if (text[start] !== '[') return { kind: 'other' }
  const element = skipSpace(text, start + 1)
  if (text[element] === ']') return { kind: 'array', first: 'empty' }
  if (text[element] !== '{') return { kind: 'array', first: 'other' }
  return {
    kind: 'array',
    first: 'object',
    keys: objectMembers(text, element).map((member) => member.key),
  }
}

function skipSpace(text: string, from: number): number {
  let at = from
  while (at < text.length && /\s/.test(text[at] ?? '')) at++
  return at
}

interface Member {
  readonly key: string
  /** Offset of the member's value (the first character after the colon and spaces). */
  readonly valueAt: number
}

function objectMembers(text: string, open: number): Member[] {
  const members: Member[] = []
  let depth = 0
  for (let at = open; at < text.length; at++) {
    const char = text[at]
    if (char === '"') {
      const end = stringEnd(text, at)
      const colon = skipSpace(text, end + 1)
      if (depth === 1 && text[colon] === ':') {
        members.push({
          key: decodeKey(text.slice(at, end + 1)),
          valueAt: skipSpace(text, colon + 1),
        })
      }
      at = end
    } else if (char === '{' || char === '[') {
      depth++
    } else if (char === '}' || char === ']') {
      depth--
      if (depth === 0) break
    }
  }
  return members
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
