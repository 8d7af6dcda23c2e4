import { describe, expect, it } from 'vitest'
import type { Rejection } from '../model/outcome.js'
import { rejectionRow } from './rejection-row.js'

const rejection: Rejection = {
  feed: 'smaily.history',
  index: 3,
  locator: 'line 4',
  path: ['time'],
  reason: 'invalid_time',
  message: 'time: not a date',
  raw: { seq_id: 12345678901234567890n, time: 'soon' },
}

describe('rejectionRow', () => {
  it('gives the same key for the same rejection of the same input', () => {
    expect(rejectionRow(rejection, 'a.ndjson').key).toBe(
      rejectionRow({ ...rejection }, 'a.ndjson').key,
    )
  })

  it('gives another key for another origin, position or record', () => {
    const key = rejectionRow(rejection, 'a.ndjson').key
    expect(rejectionRow(rejection, 'b.ndjson').key).not.toBe(key)
    expect(rejectionRow({ ...rejection, index: 4 }, 'a.ndjson').key).not.toBe(key)
    expect(rejectionRow({ ...rejection, raw: { time: 'later' } }, 'a.ndjson').key).not.toBe(key)
  })

  it('keeps big integers exact and flattens the path and raw record to JSON', () => {
    const row = rejectionRow(rejection, 'a.ndjson')
    expect(row.raw).toBe('{"seq_id":"12345678901234567890","time":"soon"}')
    expect(row.path).toBe('["time"]')
    expect(row).toMatchObject({ feed: 'smaily.history', origin: 'a.ndjson', index: 3 })
  })

  it('describes a record that cannot be serialized instead of throwing', () => {
    const raw = {
      get broken(): never {
        throw new Error('getter failed')
      },
    }
    expect(rejectionRow({ ...rejection, raw }, 'x').raw).toBe(
      '"unserializable record: getter failed"',
    )
  })
})
