import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { InstantSchema } from './canonical-event-schema.js'
import { FAST_PATTERNS } from './fast-patterns.js'

function patternOf(schema: z.ZodType): RegExp {
  const def = schema._zod.def as {
    pattern?: RegExp
    checks?: { _zod: { def: { pattern?: RegExp } } }[]
  }
  const pattern =
    def.pattern ?? def.checks?.find((check) => check._zod.def.pattern)?._zod.def.pattern
  if (!(pattern instanceof RegExp)) throw new Error('no pattern')
  return pattern
}

const hexChar = fc.constantFrom(...'0123456789abcdefABCDEFgG-'.split(''))
function withOneCharReplaced(valid: fc.Arbitrary<string>, chars: string): fc.Arbitrary<string> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom(...chars.split('')))
    .map(
      ([text, at, char]) =>
        text.slice(0, at % text.length) + char + text.slice((at % text.length) + 1),
    )
}

const nearUuid = fc.oneof(
  withOneCharReplaced(fc.uuid(), '0123456789abcdefABCDEFgG- 8b'),
  fc.uuid().map((uuid) => uuid),
  fc.array(hexChar, { minLength: 36, maxLength: 36 }).map((chars) => {
    for (const index of [8, 13, 18, 23]) chars[index] = '-'
    return chars.join('')
  }),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
  ),
  fc.string(),
)
const validInstant = fc
  .date({ min: new Date(0), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => `${date.toISOString().slice(0, 23)}123456Z`)
const nearInstant = fc.oneof(
  withOneCharReplaced(validInstant, '0123456789-T:.Zz /'),
  fc.date({ noInvalidDate: true }).map((date) => `${date.toISOString().slice(0, 23)}123456Z`),
  fc
    .array(fc.constantFrom(...'0123456789-T:.Zz '.split('')), { minLength: 28, maxLength: 31 })
    .map((chars) => chars.join('')),
  fc.string(),
)

describe('FAST_PATTERNS', () => {
  it('covers the patterns the canonical schema checks on every event', () => {
    expect(FAST_PATTERNS.has(patternOf(InstantSchema).source)).toBe(true)
    expect(FAST_PATTERNS.has(patternOf(z.uuid()).source)).toBe(true)
  })

  for (const [name, schema, texts] of [
    ['instant', InstantSchema, nearInstant],
    ['uuid', z.uuid(), nearUuid],
  ] as const) {
    it(`agrees with the ${name} regular expression`, () => {
      const pattern = patternOf(schema)
      const fast = FAST_PATTERNS.get(pattern.source)
      if (fast === undefined) throw new Error('missing')
      fc.assert(
        fc.property(texts, (text) => {
          expect(fast(text)).toBe(pattern.test(text))
        }),
        { numRuns: 3000 },
      )
    })
  }
})
