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
 * depth 0, `{}` and `[]` depth 1). Iterative, so it cannot overflow the stack; it stops at the
 * first level past the limit, and past the first 10,000 objects, an object reached again (a value
 * built in code may share or cycle) is walked again only when reached deeper, so the walk
 * stays linear.
 */
export function exceedsNestingDepth(value: unknown, maxDepth = MAX_NESTING_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false
  const pending: object[] = [value]
  const depths: number[] = [1]
  let deepest: Map<object, number> | undefined
  let visited = 0
  while (pending.length > 0) {
    const current = pending.pop() as object
    const depth = depths.pop() as number
    if (depth > maxDepth) return true
    if (++visited > UNTRACKED_VISITS) {
      deepest ??= new Map()
      if ((deepest.get(current) ?? 0) >= depth) continue
      deepest.set(current, depth)
    }
    const children = Array.isArray(current) ? current : Object.values(current)
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        pending.push(child)
        depths.push(depth + 1)
      }
    }
  }
  return false
}
