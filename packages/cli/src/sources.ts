import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { altcraftHistoryAdapter } from '@evnorm/altcraft-history'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import type { AnyAdapter } from '@evnorm/core'
import type { AdapterReference } from '@evnorm/core/parallel'
import { sendgridEventsAdapter } from '@evnorm/sendgrid-events'
import { smailyLogAdapter } from '@evnorm/smaily-log'

/** One feed the CLI can read. */
export interface SourceEntry {
  /** The adapter (default options); its `signature` is how `--source auto` recognises it. */
  readonly adapter: AnyAdapter
  /** The npm package the adapter comes from. */
  readonly packageName: string
  /** One line: what the feed is. */
  readonly description: string
  /** Where worker threads import the adapter from (`--workers`). */
  readonly reference: AdapterReference
}

const require = createRequire(import.meta.url)

/** A package's built entry (`exports['.'].default`), whatever conditions this process runs with. */
function builtEntry(packageName: string): string {
  const manifestPath = require.resolve(`${packageName}/package.json`)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: { '.': { default: string } }
  }
  return join(dirname(manifestPath), manifest.exports['.'].default)
}

function source(
  adapter: AnyAdapter,
  packageName: string,
  exportName: string,
  description: string,
): SourceEntry {
  const reference = { module: builtEntry(packageName), export: exportName }
  return { adapter, packageName, description, reference }
}

/**
 * The registry: every feed of `--source`, `evnorm sources` and `evnorm vocabulary`, by name, in
 * display and detection order. An explicit import map, never filesystem discovery: adding a
 * feed is one entry here (and its import); no other CLI file names a feed.
 */
export const SOURCES = {
  'altcraft-history': source(
    altcraftHistoryAdapter,
    '@evnorm/altcraft-history',
    'altcraftHistoryAdapter',
    'Altcraft subscribers/history_get and history_get_all responses',
  ),
  'altcraft-hooks': source(
    altcraftHooksAdapter,
    '@evnorm/altcraft-hooks',
    'altcraftHooksAdapter',
    'Altcraft action hooks: HTTP batches, broker messages, historical re-export',
  ),
  'smaily-log': source(
    smailyLogAdapter,
    '@evnorm/smaily-log',
    'smailyLogAdapter',
    'Smaily subscriber action log (api/history.php)',
  ),
  'sendgrid-events': source(
    sendgridEventsAdapter,
    '@evnorm/sendgrid-events',
    'sendgridEventsAdapter',
    'SendGrid Event Webhook',
  ),
} as const

/** A feed name accepted by `--source`. */
export type SourceName = keyof typeof SOURCES

/** Every feed name accepted by `--source`, in display order. */
export const SOURCE_NAMES = Object.keys(SOURCES) as readonly SourceName[]

/** True when `name` is a feed name of {@link SOURCES}. */
export function isSourceName(name: string): name is SourceName {
  return Object.hasOwn(SOURCES, name)
}
