/** The sources `evnorm sync` pulls from. */
export const SYNC_SOURCES = ['smaily', 'altcraft-history'] as const

/** A source of `evnorm sync`. */
export type SyncSource = (typeof SYNC_SOURCES)[number]
