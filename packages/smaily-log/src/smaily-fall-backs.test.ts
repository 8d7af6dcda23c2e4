import { describe, expect, it } from 'vitest'
import { createFallBackFinder } from './smaily-fall-backs.js'

const HOUR = 3_600_000
const REACH = 6 * HOUR

describe('createFallBackFinder', () => {
  it("finds Tallinn's autumn night within its reach, and nothing beyond it", () => {
    const find = createFallBackFinder('Europe/Tallinn', REACH)
    const night = { at: Date.UTC(2025, 9, 26, 1), by: HOUR }
    expect(find(night.at)).toEqual(night)
    expect(find(night.at - HOUR - REACH)).toEqual(night)
    expect(find(night.at + HOUR + REACH)).toEqual(night)
    expect(find(night.at - HOUR - REACH - 1)).toBeUndefined()
    expect(find(night.at + HOUR + REACH + 1)).toBeUndefined()
    expect(find(Date.UTC(2025, 2, 30, 1))).toBeUndefined()
    expect(find(Date.UTC(2024, 9, 27, 1))).toEqual({ at: Date.UTC(2024, 9, 27, 1), by: HOUR })
  })

  it('finds a half-hour fall-back, and none in a zone without DST', () => {
    const lordHowe = createFallBackFinder('Australia/Lord_Howe', 0)
    const at = Date.UTC(2025, 3, 5, 15)
    expect(lordHowe(at - 1000)).toEqual({ at, by: HOUR / 2 })
    expect(createFallBackFinder('UTC', REACH)(Date.UTC(2025, 9, 26, 1))).toBeUndefined()
  })
})
