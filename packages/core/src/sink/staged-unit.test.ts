import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import { createMemorySink } from '../emulator/memory-sink.js'
import { normalizeRecords } from '../normalize/normalize.js'
import { createUnitWriter } from '../pull/unit-writer.js'
import type { Sink, StagedUnit } from './sink.js'
import { stageUnit } from './staged-unit.js'

const records = [
  { id: '1', verb: 'bounced', at: '2025-01-01T00:00:00Z', email: 'ann@b.example' },
  { id: '2', verb: 'clicked', at: '2025-01-01T00:01:00Z', email: 'bob@b.example' },
  { verb: 'clicked', at: 'not a time', email: 'ann@b.example' },
]

describe('stageUnit', () => {
  it('gathers the batches of a sink without stage and writes them as one unit at commit', async () => {
    const memory = createMemorySink()
    const { events, rejections } = normalizeRecords(createExampleAdapter(), records)
    const staged = stageUnit(memory, 'a.ndjson')
    await staged.add(events.slice(0, 1), [])
    await staged.add(events.slice(1), rejections)
    expect(staged.events).toBe(2)
    expect(memory.units).toBe(0)
    const result = await staged.commit({ stream: 's', cursor: '2' })
    expect(result).toEqual({ inserted: 2, present: 0, rejectionsStored: 1 })
    expect(memory.units).toBe(1)
    expect([...memory.events.values()]).toEqual(events)
    expect([...memory.rejections.values()][0]?.origin).toBe('a.ndjson')
    expect(memory.checkpoints.get('s')).toBe('2')
  })

  it("is the sink's own stage when it has one", () => {
    const own: StagedUnit = {
      events: 0,
      add: async () => {},
      commit: async () => ({ inserted: 0, present: 0, rejectionsStored: 0 }),
    }
    const sink: Sink = { ...createMemorySink(), stage: () => own }
    expect(stageUnit(sink, 'x')).toBe(own)
  })
})

describe('createUnitWriter', () => {
  it('commits staged units in order, one at a time, and sums what they stored', async () => {
    const memory = createMemorySink()
    const { events } = normalizeRecords(createExampleAdapter(), records)
    const order: string[] = []
    let running = 0
    const slow = (name: string, unit: StagedUnit): StagedUnit => ({
      get events() {
        return unit.events
      },
      add: (added, rejected) => unit.add(added, rejected),
      async commit(checkpoint) {
        running += 1
        expect(running).toBe(1)
        await new Promise((resolve) => setTimeout(resolve, 5))
        order.push(name)
        running -= 1
        return unit.commit(checkpoint)
      },
    })
    const writer = createUnitWriter(memory)
    const first = slow('first', stageUnit(memory, 'a'))
    await first.add(events, [])
    await writer.commit(first)
    const second = slow('second', stageUnit(memory, 'a'))
    await second.add(events, [])
    await writer.commit(second)
    await writer.drain()
    expect(order).toEqual(['first', 'second'])
    expect(writer.totals).toEqual({ inserted: 2, present: 2, rejectionsStored: 0 })
  })
})
