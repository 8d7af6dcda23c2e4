/** A fall-back of a zone: the instant its clocks went back (epoch ms), and by how much (ms). */
export interface FallBack {
  readonly at: number
  readonly by: number
}

const HOUR_MS = 3_600_000
/** No zone sets its clocks back further than this at once. */
const MAX_FALL_BACK_MS = 3 * HOUR_MS
const CACHE_LIMIT = 50_000
const OFFSET = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/

/**
 * Finds the fall-back of `zone` near an instant: the one whose reach, `[at − by − reachMs,
 * at + by + reachMs]`, holds the instant, or undefined. Offsets come from the runtime's time
 * zone data (as luxon's do), looked up per UTC hour and cached; transitions are found by
 * bisecting between hours whose offsets differ (a zone is assumed not to change its offset
 * and change it back within the reach plus a few hours). Throws TypeError on an unknown zone.
 */
export function createFallBackFinder(
  zone: string,
  reachMs: number,
): (epochMs: number) => FallBack | undefined {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
  const offsets = new Map<number, number>()
  const nights = new Map<number, FallBack | null>()
  const hoursAround = Math.ceil((reachMs + MAX_FALL_BACK_MS) / HOUR_MS) + 1

  function offsetAt(epochMs: number): number {
    const name = format.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')
    const [, sign, hours, minutes, seconds] = OFFSET.exec(name?.value ?? '') ?? []
    const ms = (Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000
    return sign === '-' ? -ms : ms
  }

  function hourOffset(hour: number): number {
    let offset = offsets.get(hour)
    if (offset === undefined) {
      if (offsets.size >= CACHE_LIMIT) offsets.clear()
      offset = offsetAt(hour * HOUR_MS)
      offsets.set(hour, offset)
    }
    return offset
  }

  function collect(from: number, to: number, found: FallBack[]): void {
    const before = hourOffset(from)
    const after = hourOffset(to)
    if (before === after) return
    if (to - from > 1) {
      const middle = Math.floor((from + to) / 2)
      collect(from, middle, found)
      collect(middle, to, found)
    } else if (before > after) {
      found.push({ at: transition(from * HOUR_MS, to * HOUR_MS, after), by: before - after })
    }
  }

  function transition(from: number, to: number, after: number): number {
    let low = from
    let high = to
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000
      if (offsetAt(middle) === after) high = middle
      else low = middle
    }
    return high
  }

  function reaches(night: FallBack, from: number, to: number): boolean {
    return from <= night.at + night.by + reachMs && to >= night.at - night.by - reachMs
  }

  return (epochMs) => {
    const hour = Math.floor(epochMs / HOUR_MS)
    let night = nights.get(hour)
    if (night === undefined) {
      if (nights.size >= CACHE_LIMIT) nights.clear()
      const found: FallBack[] = []
      collect(hour - hoursAround, hour + hoursAround, found)
      night = found.find((each) => reaches(each, hour * HOUR_MS, (hour + 1) * HOUR_MS)) ?? null
      nights.set(hour, night)
    }
    return night !== null && reaches(night, epochMs, epochMs) ? night : undefined
  }
}
