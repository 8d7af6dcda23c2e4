/**
 * The deepest nesting of arrays and objects evnorm copies verbatim into an event or a
 * rejection (vendor custom fields, raw records). Far beyond any vendor payload, far below the
 * ~5,000 levels where `JSON.stringify` overflows the stack.
 */
export const MAX_NESTING_DEPTH = 100

/** Objects walked before the walk starts remembering them (small values need no map). */
const UNTRACKED_VISITS = 10_000

/**
 * True when `value` nests arrays and objects more than `maxDepth` levels deep (a scalar has
 * depth 0, `{}` and `[]` depth 1), or cannot be read (a getter or a `Proxy` trap throws).
 * Iterative, so it cannot overflow the stack; it stops at the first level past the limit, and
 * past the first 10,000 objects, an object reached again (a value built in code may share or
 * cycle) is walked again only when reached deeper, so the walk stays linear.
 */
export function exceedsNestingDepth(value: unknown, maxDepth = MAX_NESTING_DEPTH): boolean {
  if (maxDepth >= 1 && typeof value === 'object' && value !== null) {
    try {
      if (isFlat(value)) return false
    } catch {
      return true
    }
  }
  return walk(value, maxDepth, false) !== undefined
}

/**
 * True when no property of the object (no element of the array) is an object or an array:
 * depth 1, the usual custom fields, known without the walk's bookkeeping. Reads `value` as
 * the walk's first step does, so a read that throws here throws there too.
 */
function isFlat(value: object): boolean {
  const keys = Array.isArray(value) ? undefined : Object.keys(value)
  const length = keys === undefined ? (value as unknown[]).length : keys.length
  for (let at = 0; at < length; at++) {
    const key = keys === undefined ? at : (keys[at] as string)
    const child = (value as Record<string | number, unknown>)[key]
    if (typeof child === 'object' && child !== null) return false
  }
  return true
}

/**
 * Why `JSON.stringify` cannot write `value` (nested deeper than `maxDepth`, a `BigInt`, a
 * getter or `Proxy` trap that throws), or undefined when it can. Walks like
 * {@link exceedsNestingDepth}; never throws.
 */
export function findUnwritableValue(
  value: unknown,
  maxDepth = MAX_NESTING_DEPTH,
): string | undefined {
  if (typeof value === 'bigint') return 'it is a BigInt, which JSON cannot hold'
  return walk(value, maxDepth, true)
}

function walk(value: unknown, maxDepth: number, scalars: boolean): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const pending: object[] = [value]
  const depths: number[] = [1]
  let deepest: Map<object, number> | undefined
  let visited = 0
  try {
    while (pending.length > 0) {
      const current = pending.pop() as object
      const depth = depths.pop() as number
      if (depth > maxDepth) return `nested deeper than ${maxDepth} levels`
      if (++visited > UNTRACKED_VISITS) {
        deepest ??= new Map()
        if ((deepest.get(current) ?? 0) >= depth) continue
        deepest.set(current, depth)
      }
      const keys = Array.isArray(current) ? undefined : Object.keys(current)
      const length = keys === undefined ? (current as unknown[]).length : keys.length
      for (let at = 0; at < length; at++) {
        const key = keys === undefined ? at : (keys[at] as string)
        const child = (current as Record<string | number, unknown>)[key]
        if (typeof child === 'object' && child !== null) {
          pending.push(child)
          depths.push(depth + 1)
        } else if (scalars && typeof child === 'bigint') {
          return `it holds a BigInt at ${JSON.stringify(String(key))}, which JSON cannot hold`
        }
      }
    }
  } catch (error) {
    return `reading it throws (${error instanceof Error ? error.message : String(error)})`
  }
  return undefined
}
