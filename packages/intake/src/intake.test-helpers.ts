import type { CanonicalEvent, Rejection } from '@evnorm/core'
import { eventObjects, type Sink, type SinkUnit, type SinkWriteResult } from '@evnorm/core/sink'

/**
 * A hook message with a unique id: batch `batch`, position `index` (the nanoseconds of
 * `event_date` and the `send_message_id` differ).
 */
export function hookMessage(batch: number, index: number): Record<string, unknown> {
  const nanos = String(batch * 100_000 + index).padStart(9, '0')
  return {
    event_type: 'deliv',
    event_date: `2025-06-01T10:00:00.${nanos}Z`,
    profile_id: '65aa0c1f2b3c4d5e6f708192',
    account_id: 23,
    is_test: false,
    event_data: { message_id: 41, campaign_id: 907, send_message_id: `m-${batch}-${index}` },
  }
}

/** The text of a batch of `size` unique messages. */
export function hookBatch(batch: number, size: number): string {
  return JSON.stringify(Array.from({ length: size }, (_, index) => hookMessage(batch, index)))
}

/** A sink in memory, keyed by event id, that can be held (writes wait) or made to fail. */
export class MemorySink implements Sink {
  readonly target = 'memory:'
  readonly events = new Map<string, CanonicalEvent>()
  readonly rejections: Rejection[] = []
  /** Every event id written, with repeats. */
  readonly written: string[] = []
  units = 0
  failWith: Error | undefined
  #gate: Promise<void> = Promise.resolve()
  #open: () => void = () => undefined

  /** Makes writes wait until {@link MemorySink.release}. */
  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve
    })
  }

  release(): void {
    this.#open()
  }

  async write(unit: SinkUnit): Promise<SinkWriteResult> {
    await this.#gate
    if (this.failWith !== undefined) throw this.failWith
    let inserted = 0
    const events = eventObjects(unit.events)
    for (const event of events) {
      this.written.push(event.id)
      if (!this.events.has(event.id)) inserted += 1
      this.events.set(event.id, event)
    }
    this.rejections.push(...unit.rejections)
    this.units += 1
    return {
      inserted,
      present: events.length - inserted,
      rejectionsStored: unit.rejections.length,
    }
  }

  async readCheckpoint(): Promise<string | undefined> {
    return undefined
  }

  async close(): Promise<void> {}
}

/** Polls `check` every 20 ms until it is true or `ms` pass (then throws). */
export async function waitFor(
  check: () => boolean,
  ms = 10_000,
  what = 'a condition',
): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
