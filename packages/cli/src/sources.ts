import { altcraftHistoryAdapter } from '@evnorm/altcraft-history'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import type { AnyAdapter } from '@evnorm/core'
import { smailyLogAdapter } from '@evnorm/smaily-log'

/** One feed the CLI can read. */
export interface SourceEntry {
  /** The adapter (default options). */
  readonly adapter: AnyAdapter
  /** The npm package the adapter comes from. */
  readonly packageName: string
  /** One line: what the feed is. */
  readonly description: string
}

/** Every feed name accepted by `--source`, in display order. */
export const SOURCE_NAMES = ['altcraft-history', 'altcraft-hooks', 'smaily-log'] as const

/** A feed name accepted by `--source`. */
export type SourceName = (typeof SOURCE_NAMES)[number]

/** The feeds of `--source`, by name: an explicit import map, never filesystem discovery. */
export const SOURCES: Readonly<Record<SourceName, SourceEntry>> = {
  'altcraft-history': {
    adapter: altcraftHistoryAdapter,
    packageName: '@evnorm/altcraft-history',
    description: 'Altcraft subscribers/history_get and history_get_all responses',
  },
  'altcraft-hooks': {
    adapter: altcraftHooksAdapter,
    packageName: '@evnorm/altcraft-hooks',
    description: 'Altcraft action hooks: HTTP batches, broker messages, historical re-export',
  },
  'smaily-log': {
    adapter: smailyLogAdapter,
    packageName: '@evnorm/smaily-log',
    description: 'Smaily subscriber action log (api/history.php)',
  },
}

/** True when `name` is a feed name of {@link SOURCES}. */
export function isSourceName(name: string): name is SourceName {
  return Object.hasOwn(SOURCES, name)
}
