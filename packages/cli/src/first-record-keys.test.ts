import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { firstRecordKeys } from './first-record-keys.js'

const record = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 })

describe('firstRecordKeys', () => {
  test.prop([record, fc.constantFrom(0, 2)])(
    'reads the own keys of a top-level object, in order',
    (value, indent) => {
      expect(firstRecordKeys(JSON.stringify(value, null, indent))).toEqual({
        kind: 'object',
        keys: Object.keys(value),
      })
    },
  )

  test.prop([record, fc.array(fc.jsonValue(), { maxLength: 3 })])(
    'reads the keys of the first element of an array, ignoring later elements',
    (first, others) => {
      const shape = firstRecordKeys(JSON.stringify([first, ...others]))
      expect(shape).toEqual({ kind: 'array', first: 'object', keys: Object.keys(first) })
    },
  )

  test.prop([record, fc.nat()])(
    'on a truncated text, finds a prefix of the keys and never throws',
    (value, cut) => {
      const text = JSON.stringify(value)
      const shape = firstRecordKeys(text.slice(0, cut % (text.length + 1)))
      const keys = shape.kind === 'object' ? shape.keys : []
      expect(keys).toEqual(Object.keys(value).slice(0, keys.length))
    },
  )

  it('ignores keys of nested objects and strings that look like keys', () => {
    const text =
      '{"fields":{"action":"x","time":"y"},"note":"\\"action\\": 1","list":[{"datetime":1}],"event_date":"2025"}'
    expect(firstRecordKeys(text)).toEqual({
      kind: 'object',
      keys: ['fields', 'note', 'list', 'event_date'],
    })
  })

  it('tells empty arrays, arrays of non-objects and other text apart', () => {
    expect(firstRecordKeys(' [ ] ')).toEqual({ kind: 'array', first: 'empty' })
    expect(firstRecordKeys('[1, {"action": 1}]')).toEqual({ kind: 'array', first: 'other' })
    expect(firstRecordKeys('action,time')).toEqual({ kind: 'other' })
  })

  it('reads the keys of the first element of a top-level data array, even in a truncated head', () => {
    expect(
      firstRecordKeys(
        '{"data": [ {"action":"send","nested":{"time":1},"datetime":"x"}, {"other":1}',
      ),
    ).toEqual({
      kind: 'object',
      keys: ['data'],
      dataKeys: ['action', 'nested', 'datetime'],
    })
    expect(firstRecordKeys('{"data":[],"error":0}')).toEqual({
      kind: 'object',
      keys: ['data', 'error'],
    })
    expect(firstRecordKeys('{"data":{"action":1}}')).toEqual({ kind: 'object', keys: ['data'] })
  })

  it('reads only the first line of NDJSON', () => {
    expect(firstRecordKeys('{"a":1}\n{"b":2}\n')).toEqual({ kind: 'object', keys: ['a'] })
  })
})
