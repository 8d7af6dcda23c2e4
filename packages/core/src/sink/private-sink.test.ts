import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import { createMemorySink } from '../emulator/memory-sink.js'
import { normalizeRecords } from '../normalize/normalize.js'
import { withPrivacy } from './private-sink.js'
import { stageUnit } from './staged-unit.js'

describe('withPrivacy', () => {
  const records = [
    { id: '1', verb: 'bounced', at: '2025-01-01T00:00:00Z', email: 'ann@b.example' },
    { verb: 'clicked', at: 'not a time', email: 'ann@b.example' },
  ]
  const options = {
    actions: { all: 'hash' },
    hashKey: 'a-test-key-of-32-bytes-0123456789',
  } as const

  it('writes what the privacy option would have given, and hashes nothing twice', async () => {
    const memory = createMemorySink()
    const sink = withPrivacy(memory, options)
    const plain = normalizeRecords(createExampleAdapter(), records)
    const hidden = normalizeRecords(createExampleAdapter(), records, { privacy: options })
    await sink.write({ events: plain.events, rejections: plain.rejections, origin: 'a' })
    await sink.write({ events: hidden.events, rejections: hidden.rejections, origin: 'b' })
    expect(sink.target).toBe(memory.target)
    expect(memory.units).toBe(2)
    expect([...memory.events.values()]).toEqual(hidden.events)
    const stored = [...memory.rejections.values()]
    expect(stored.map((row) => row.raw)).toEqual([
      JSON.stringify(hidden.rejections[0]?.raw),
      JSON.stringify(hidden.rejections[0]?.raw),
    ])
    expect(JSON.stringify([...memory.events.values(), ...stored])).not.toContain('ann@')
  })

  it('adds staged batches under the policy, and offers stage only when the sink does', async () => {
    const memory = createMemorySink()
    const staging = {
      ...memory,
      stage: (origin: string) => stageUnit(memory, origin),
    }
    const plain = normalizeRecords(createExampleAdapter(), records)
    const hidden = normalizeRecords(createExampleAdapter(), records, { privacy: options })
    const staged = withPrivacy(staging, options).stage?.('a')
    await staged?.add(plain.events, plain.rejections)
    expect(staged?.events).toBe(plain.events.length)
    await staged?.commit()
    expect([...memory.events.values()]).toEqual(hidden.events)
    expect(withPrivacy(memory, options).stage).toBeUndefined()
  })

  it('is the sink itself when every class is kept', () => {
    const memory = createMemorySink()
    expect(withPrivacy(memory, { actions: {} })).toBe(memory)
  })
})
