import { createHash } from 'node:crypto'

const NAMESPACE = Buffer.from('4bf7a3a8d2fb5268957cd8168348c465', 'hex')

/**
 * The documented id recipe, implemented independently of core (plain RFC 9562 UUID v5 with
 * node:crypto): `uuidV5(JSON.stringify(['altcraft.history', ...parts]))` in evnorm's namespace.
 */
export function referenceEventId(parts: readonly (string | null)[]): string {
  const digest = createHash('sha1')
    .update(NAMESPACE)
    .update(JSON.stringify(['altcraft.history', ...parts]), 'utf8')
    .digest()
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80
  const hex = digest.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
