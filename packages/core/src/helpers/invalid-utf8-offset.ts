/**
 * Offset of the first byte that does not start a complete, well-formed UTF-8 sequence
 * (overlong forms, surrogates, code points above U+10FFFF and a sequence cut off by the end
 * all count), or -1 when every byte is fine.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  const length = bytes.length
  let at = 0
  while (at < length) {
    const lead = bytes[at] as number
    if (lead < 0x80) {
      at++
      continue
    }
    const size = sequenceSize(lead)
    if (size === 0 || at + size > length) return at
    const second = bytes[at + 1] as number
    if (second < secondByteMin(lead) || second > secondByteMax(lead)) return at
    for (let next = at + 2; next < at + size; next++) {
      if (!isContinuation(bytes[next] as number)) return at
    }
    at += size
  }
  return -1
}

function sequenceSize(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 0
}

function secondByteMin(lead: number): number {
  if (lead === 0xe0) return 0xa0
  if (lead === 0xf0) return 0x90
  return 0x80
}

function secondByteMax(lead: number): number {
  if (lead === 0xed) return 0x9f
  if (lead === 0xf4) return 0x8f
  return 0xbf
}

function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf
}
