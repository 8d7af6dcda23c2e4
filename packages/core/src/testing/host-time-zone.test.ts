import { afterEach, describe, expect, it } from 'vitest'
import { assertHostTimeZone, withTimeZone } from './host-time-zone.js'

const original = process.env.TZ

afterEach(() => {
  if (original === undefined) delete process.env.TZ
  else process.env.TZ = original
})

describe('withTimeZone', () => {
  it('runs under the zone and restores the previous one', () => {
    process.env.TZ = 'UTC'
    expect(withTimeZone('Pacific/Chatham', () => new Date(0).getTimezoneOffset())).toBe(-765)
    expect(withTimeZone('America/St_Johns', () => new Date(0).getTimezoneOffset())).toBe(210)
    expect(new Date(0).getTimezoneOffset()).toBe(0)
  })

  it('fails loudly when the host zone is not the one asked for (as in a worker thread)', () => {
    process.env.TZ = 'UTC'
    expect(() => assertHostTimeZone('Pacific/Chatham')).toThrow(
      /host time zone is UTC, not Pacific\/Chatham/,
    )
  })
})
