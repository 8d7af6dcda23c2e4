import type { BatchResult, CanonicalEvent, Rejection } from '@evnorm/core'
import { createMemorySink } from '@evnorm/core/emulator'
import { type EncodedBatch, encodeBatch } from '@evnorm/core/parallel'
import { createUnitWriter } from '@evnorm/core/pull'
import { type Sink, type StagedUnit, stageUnit } from '@evnorm/core/sink'
import { describe, expect, it } from 'vitest'
import {
  STAGED_UNIT_EVENTS,
  STAGED_UNIT_RECORDS,
  UNIT_RECORDS,
  unitWriter,
} from './load-command.js'

/** A batch of `count` events with ids from `start`, and `rejected` rejections, as NDJSON. */
function batch(start: number, count: number, rejected = 0): EncodedBatch {
  const events = Array.from(
    { length: count },
    (_, at) => ({ id: `event-${start + at}` }) as unknown as CanonicalEvent,
  )
  const rejections = Array.from(
    { length: rejected },
    (_, at): Rejection => ({
      feed: 'feed',
      index: start + at,
      locator: `line ${start + at + 1}`,
      path: [],
      reason: 'invalid_field',
      message: 'bad',
      raw: {},
    }),
  )
  const counts = { records: count + rejected } as BatchResult['counts']
  return encodeBatch({ outcomes: [], events, rejections, counts }, 'feed')
}

/** A memory sink that stages, and the sizes of the units it committed. */
function stagingSink(): { sink: Sink; units: { events: number; origin: string }[] } {
  const memory = createMemorySink()
  const units: { events: number; origin: string }[] = []
  const sink: Sink = {
    ...memory,
    write: (unit) => memory.write(unit),
    stage(origin): StagedUnit {
      const staged = stageUnit(memory, origin)
      return {
        get events() {
          return staged.events
        },
        add: (events, rejections) => staged.add(events, rejections),
        commit(checkpoint) {
          units.push({ events: staged.events, origin })
          return staged.commit(checkpoint)
        },
      }
    },
  }
  return { sink, units }
}

describe('the load unit writer', () => {
  it('cuts units of a staging sink at exactly STAGED_UNIT_EVENTS events, inside a batch', async () => {
    const { sink, units } = stagingSink()
    const writer = createUnitWriter(sink)
    const load = unitWriter(sink, writer)
    const total = 2 * STAGED_UNIT_EVENTS + 1234
    for (let start = 0; start < total; start += 1000) {
      await load.write(batch(start, Math.min(1000, total - start)), 'feed', 'a.ndjson')
    }
    await load.endInput('a.ndjson')
    expect(units.map((unit) => unit.events)).toEqual([STAGED_UNIT_EVENTS, STAGED_UNIT_EVENTS, 1234])
    expect(writer.totals).toEqual({ inserted: total, present: 0, rejectionsStored: 0 })
  })

  it('ends a staging unit at STAGED_UNIT_RECORDS records when they give fewer events', async () => {
    const { sink, units } = stagingSink()
    const load = unitWriter(sink, createUnitWriter(sink))
    for (let start = 0; start < STAGED_UNIT_RECORDS; start += 1000) {
      await load.write(batch(start, 10, 990), 'feed', 'bad.ndjson')
    }
    await load.write(batch(STAGED_UNIT_RECORDS, 10, 0), 'feed', 'bad.ndjson')
    await load.endInput('bad.ndjson')
    expect(units.map((unit) => unit.events)).toEqual([
      Math.ceil(STAGED_UNIT_RECORDS / 1000) * 10,
      10,
    ])
  })

  it('never lets a unit span two inputs, and commits no empty unit', async () => {
    const { sink, units } = stagingSink()
    const load = unitWriter(sink, createUnitWriter(sink))
    await load.write(batch(0, 5), 'feed', 'a.ndjson')
    await load.endInput('a.ndjson')
    await load.write(batch(5, 0), 'feed', 'empty.ndjson')
    await load.endInput('empty.ndjson')
    await load.write(batch(5, 7), 'feed', 'b.ndjson')
    await load.endInput('b.ndjson')
    expect(units).toEqual([
      { events: 5, origin: 'a.ndjson' },
      { events: 7, origin: 'b.ndjson' },
    ])
  })

  it('writes whole units of up to UNIT_RECORDS records to a sink that does not stage', async () => {
    const memory = createMemorySink()
    const load = unitWriter(memory, createUnitWriter(memory))
    const total = UNIT_RECORDS + 500
    for (let start = 0; start < total; start += 1000) {
      await load.write(batch(start, Math.min(1000, total - start)), 'feed', 'a.ndjson')
    }
    await load.endInput('a.ndjson')
    expect(memory.units).toBe(2)
    expect(memory.events.size).toBe(total)
  })
})
