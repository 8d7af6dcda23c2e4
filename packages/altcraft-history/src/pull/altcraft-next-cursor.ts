/**
 * Reads the `from_id` of the next `history_get_all` page from a page: its envelope and its
 * records. Undefined when there is no next page to ask for.
 */
export type AltcraftNextCursorReader = (
  envelope: Readonly<Record<string, unknown>>,
  records: readonly unknown[],
) => string | undefined

/** Envelope fields read as the next `from_id`, first match wins. */
export const ALTCRAFT_NEXT_CURSOR_FIELDS = ['next_from_id'] as const

/**
 * The default reading. Altcraft does not document which field carries the next `from_id`:
 * a non-empty string in one of {@link ALTCRAFT_NEXT_CURSOR_FIELDS} is taken as is; otherwise the
 * cursor is derived as the vendor's examples shape it, `<xxh>.<YYYYMMDDhhmmss>` of the page's
 * **last** record (its profile and its `datetime` in UTC), so the next page starts at that
 * record again: a record read twice has the same id, and a page that ends inside one
 * profile's history still moves on. Undefined when the last record has no `xxh` or `datetime`.
 */
export function readAltcraftNextCursor(
  envelope: Readonly<Record<string, unknown>>,
  records: readonly unknown[],
): string | undefined {
  for (const field of ALTCRAFT_NEXT_CURSOR_FIELDS) {
    const value = envelope[field]
    if (typeof value === 'string' && value !== '') return value
  }
  const last = records.at(-1) as { xxh?: unknown; datetime?: unknown } | undefined
  if (typeof last?.xxh !== 'string' || typeof last.datetime !== 'string') return undefined
  const digits = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(last.datetime)
  return digits === null ? undefined : `${last.xxh}.${digits.slice(1).join('')}`
}
