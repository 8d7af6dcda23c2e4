/** Numbers as the CLI prints them on stderr: counts with thousands separators, short durations. */

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** A count with thousands separators, e.g. `1,234,567` (the same on every host locale). */
export function formatCount(count: number): string {
  return COUNT.format(count)
}

/** A duration: `0.4 s`, `12 s`, `3:07` (minutes), `1:02:03` (hours). */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, milliseconds) / 1000
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.round(seconds)} s`
  const whole = Math.round(seconds)
  const pad = (value: number) => String(value).padStart(2, '0')
  const minutes = Math.floor(whole / 60) % 60
  const hours = Math.floor(whole / 3600)
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(whole % 60)}` : `${minutes}:${pad(whole % 60)}`
}

/** Records per second over `milliseconds`, e.g. `125,000 records/s`; undefined under 1 ms. */
export function formatRate(records: number, milliseconds: number): string | undefined {
  if (milliseconds < 1) return undefined
  return `${formatCount((records * 1000) / milliseconds)} records/s`
}
