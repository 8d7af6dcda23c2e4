/**
 * The deepest nesting of arrays and objects evnorm copies verbatim into an event or a
 * rejection (vendor custom fields, raw records). Far beyond any vendor payload, far below the
 * ~5,000 levels where `JSON.stringify` overflows the stack.
 */
export const MAX_NESTING_DEPTH = 100

/**
 * True when `value` nests arrays and objects more than `maxDepth` levels deep (a scalar has
 * depth 0, `{}` and `[]` depth 1). Iterative, so it cannot overflow the stack, and it stops at
 * the first level past the limit.
 */
export function exceedsNestingDepth(value: unknown, maxDepth = MAX_NESTING_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false
  const pending: unknown[] = [value]
  const depths: number[] = [1]
  while (pending.length > 0) {
    const current = pending.pop() as object
    const depth = depths.pop() as number
    if (depth > maxDepth) return true
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
