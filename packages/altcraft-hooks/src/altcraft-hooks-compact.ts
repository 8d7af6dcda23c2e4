/** `T` with every property required but allowed to be undefined. */
export type Loose<T> = { [K in keyof T]-?: T[K] | undefined }

/**
 * A copy of `value` without its undefined properties, or undefined when none is left: the
 * canonical model omits absent fields and empty sections instead of setting them to undefined.
 */
export function compact<T extends object>(value: Loose<T>): T | undefined {
  let result: Record<string, unknown> | undefined
  for (const key in value) {
    const field = value[key]
    if (field === undefined) continue
    result ??= {}
    result[key] = field
  }
  return result as T | undefined
}

/** True for an object with no own enumerable keys. */
export function isEmptyObject(value: object): boolean {
  for (const _ in value) return false
  return true
}
