import type { StoredTotals } from '@evnorm/core/pull'
import { formatCount, formatDuration, formatRate } from './format-number.js'
import { byCountThenName, type SummaryData } from './run-summary.js'

/** What `evnorm load` stored. */
export interface LoadTotals extends Readonly<StoredTotals> {
  /** The target, without a password. */
  readonly target: string
}

/** Where the run wrote its results, for the summary's last lines. */
export type SummaryDestinations =
  | {
      /** The events' destination (`<stdout>` or a path). */
      readonly out: string
      /** The rejections file, when `--rejects` was given. */
      readonly rejects?: string
    }
  | {
      /** What `evnorm load` stored, and where. */
      readonly load: LoadTotals
    }

/** The human-readable summary printed on stderr at the end of `evnorm normalize` and `load`. */
export function formatSummary(summary: SummaryData, destinations: SummaryDestinations): string {
  const rate = formatRate(summary.records, summary.elapsedMs)
  const lines = [
    `evnorm: ${plural(summary.files.length, 'input')}, ${plural(summary.records, 'record')} read ` +
      `in ${formatDuration(summary.elapsedMs)}${rate === undefined ? '' : ` (${rate})`}: ` +
      `${plural(summary.events, 'event')} from ${formatCount(summary.accepted)} accepted, ` +
      `${formatCount(summary.rejected)} rejected`,
  ]
  const width = Math.max(...summary.files.map((file) => file.file.length))
  for (const file of summary.files) {
    lines.push(
      `  ${file.file.padEnd(width)}  ${file.source} (${file.format}): ` +
        `${plural(file.records, 'record')}, ${plural(file.events, 'event')}, ${formatCount(file.rejected)} rejected`,
    )
  }
  section(lines, 'events by type', summary.byType)
  section(lines, 'events by channel', summary.byChannel)
  section(lines, 'unknown vendor verbs (events of type unknown)', summary.unknownVerbs)
  if (summary.unknownVerbsNotListed > 0) {
    lines.push(`  … and ${plural(summary.unknownVerbsNotListed, 'event')} with further verbs`)
  }
  section(lines, 'rejections by reason', summary.rejectionsByReason)
  if (summary.firstRejections.length > 0) {
    lines.push(
      summary.rejected > summary.firstRejections.length ? 'first rejections' : 'rejections',
    )
    for (const rejection of summary.firstRejections) {
      lines.push(
        `  ${rejection.file} ${rejection.locator}: ${rejection.reason}: ${oneLine(rejection.message)}`,
      )
    }
  }
  lines.push(...destinationLines(summary, destinations))
  return `${lines.join('\n')}\n`
}

function destinationLines(summary: SummaryData, destinations: SummaryDestinations): string[] {
  if ('load' in destinations) {
    const { target, inserted, present, rejectionsStored } = destinations.load
    return [
      `loaded into ${target}: ${plural(inserted, 'event')} inserted, ${formatCount(present)} already present, ${plural(rejectionsStored, 'rejection')} stored`,
    ]
  }
  const lines = [`events written to ${destinations.out}`]
  if (destinations.rejects !== undefined)
    lines.push(`rejections written to ${destinations.rejects}`)
  else if (summary.rejected > 0)
    lines.push('rejected records were not kept: pass --rejects FILE to write them')
  return lines
}

function section(lines: string[], title: string, counts: Readonly<Record<string, number>>): void {
  const entries = Object.entries(counts).sort(byCountThenName)
  if (entries.length === 0) return
  lines.push(title)
  const keys = entries.map(([key]) => displayKey(key))
  const width = Math.max(...keys.map((key) => key.length))
  const shown = entries.map(([, count]) => formatCount(count))
  const countWidth = Math.max(...shown.map((count) => count.length))
  shown.forEach((count, index) => {
    lines.push(`  ${(keys[index] ?? '').padEnd(width)}  ${count.padStart(countWidth)}`)
  })
}

function displayKey(key: string): string {
  if (/^[^\s\p{C}]{1,60}$/u.test(key)) return key
  const quoted = JSON.stringify(key)
  return quoted.length > 62 ? `${quoted.slice(0, 60)}…"` : quoted
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
}

/** The summary's warnings as `evnorm: warning: …` lines (empty when there are none). */
export function formatWarnings(summary: SummaryData): string {
  return summary.warnings.map((warning) => `evnorm: warning: ${warning}\n`).join('')
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat
}
