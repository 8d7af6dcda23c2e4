function setField(fields: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(fields, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else {
    fields[key] = value
  }
}

/**
 * Reads a `modify` value, `key=value; key2=; key3=value3` (all of the subscriber's fields),
 * into a field map. Pairs are split at `"; "` and each pair at its first `=`; a piece with no
 * `=` is glued back (with its `"; "`) onto the previous value, and a repeated key keeps its
 * last value; a final `"; "` ends the last pair (`a=1; ` is `{ a: '1' }`). Smaily does not escape `"; "` or `=` inside values, so a value containing
 * `"; k=v"` is read as two fields: the raw text is kept beside the map for that reason.
 * Returns undefined when the text does not start with a `key=value` pair.
 */
export function parseModifyValue(value: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {}
  let key: string | undefined
  const pieces = value.split('; ')
  if (pieces.length > 1 && pieces.at(-1) === '') pieces.pop()
  for (const piece of pieces) {
    const equals = piece.indexOf('=')
    if (equals === -1) {
      if (key === undefined) return undefined
      setField(fields, key, `${fields[key]}; ${piece}`)
    } else {
      key = piece.slice(0, equals)
      setField(fields, key, piece.slice(equals + 1))
    }
  }
  return fields
}
