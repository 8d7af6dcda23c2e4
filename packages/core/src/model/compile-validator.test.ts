import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { eventId } from '../helpers/event-id.js'
import { CanonicalEventSchema } from './canonical-event-schema.js'
import { compileValidator } from './compile-validator.js'
import type { EventType } from './taxonomy.js'
import { validatorFor } from './validate-event.js'

const envelope = {
  schema: 'evnorm.event.v1',
  id: eventId('x.y', ['1']),
  channel: 'email',
  occurredAt: '2025-10-26T01:30:12.250000000Z',
  count: 2,
  test: false,
  attempts: 1,
  source: {
    vendor: 'altcraft',
    feed: 'altcraft.history',
    verb: 'click',
    recordId: '65ab',
    idBasis: 'content',
    occurrence: 2,
    time: {
      raw: '2025-10-26 03:30:12',
      zone: 'Europe/Tallinn',
      dst: 'repeated',
      resolution: 'earlier',
    },
  },
  recipient: {
    email: 'a@b.example',
    hashes: { xxh: '3f2a' },
    push: { provider: 'p' },
    fields: { a: [1] },
  },
  campaign: { id: '907', group: 'test' },
  message: { id: '41', sendId: 'kQ2' },
  subscription: {
    channel: 'email',
    priority: 0,
    status: 'subscribed',
    categories: ['a'],
    customFields: {},
  },
  profileSubscriptions: [{ channel: 'sms', phone: '+372' }],
  context: { country: 'EE', latitude: 59.4, longitude: 24.7, ip: '203.0.113.7' },
  extra: { custom_data: 'x' },
}

const validEvents: { type: EventType; event: Record<string, unknown> }[] = [
  {
    type: 'message.clicked',
    event: { ...envelope, type: 'message.clicked', details: { url: 'https://x', unique: true } },
  },
  {
    type: 'message.bounced',
    event: {
      ...envelope,
      type: 'message.bounced',
      details: { class: 'hard', code: '550', codeKind: 'smtp' },
    },
  },
  {
    type: 'profile.updated',
    event: { ...envelope, type: 'profile.updated', details: { fields: { a: 'b' }, raw: 'a=b' } },
  },
  {
    type: 'profile.merged',
    event: { ...envelope, type: 'profile.merged', details: { destination: [{ db_id: 1 }] } },
  },
  {
    type: 'form.failed',
    event: {
      ...envelope,
      type: 'form.failed',
      details: { surface: 'popup', utm: { source: 's' } },
    },
  },
  { type: 'message.sent', event: { ...envelope, type: 'message.sent', raw: { anything: true } } },
]

const oddValues = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    undefined,
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    0,
    1,
    1.5,
    2 ** 53,
    -91,
    200,
  ),
  fc.constantFrom(
    '',
    'x',
    'EE',
    'ee',
    'hard',
    'popup',
    'email',
    'repeated',
    '2025-10-26T01:30:12Z',
  ),
  fc.constantFrom([], {}, ['a'], [1], { a: 'b' }, { a: 1 }),
)

function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return [
    prefix,
    ...Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...prefix, key])),
  ]
}

function mutated(
  base: Record<string, unknown>,
  path: string[],
  value: unknown,
  mode: 'set' | 'delete' | 'add',
) {
  const copy = structuredClone(base) as Record<string, unknown>
  let target: Record<string, unknown> = copy
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>
  const last = path.at(-1)
  if (last === undefined) return value
  if (mode === 'delete') delete target[last]
  else if (mode === 'add' && typeof target[last] === 'object' && target[last] !== null) {
    ;(target[last] as Record<string, unknown>).unexpected = value
  } else target[last] = value
  return copy
}

describe('compileValidator', () => {
  it('accepts exactly what zod accepts, on valid events and every kind of mutation of them', () => {
    for (const { type, event } of validEvents) {
      const compiled = validatorFor(type)
      expect(compiled(event)).toBe(true)
      expect(CanonicalEventSchema.safeParse(event).success).toBe(true)
      const paths = pathsOf(event)
      fc.assert(
        fc.property(
          fc.constantFrom(...paths),
          oddValues,
          fc.constantFrom('set', 'delete', 'add'),
          (path, value, mode) => {
            const candidate = mutated(event, path, value, mode as 'set' | 'delete' | 'add')
            const isType = (candidate as { type?: unknown } | null)?.type === type
            const zodSays = CanonicalEventSchema.safeParse(candidate).success
            if (isType) expect(compiled(candidate)).toBe(zodSays)
            else if (!zodSays) expect(compiled(candidate)).toBe(false)
          },
        ),
        { numRuns: 1000 },
      )
    }
  })

  it('refuses schema kinds it cannot check, instead of checking less', () => {
    expect(() => compileValidator(z.date())).toThrow(TypeError)
    expect(() => compileValidator(z.object({ a: z.string() }).refine(() => true))).toThrow(
      TypeError,
    )
    expect(() => compileValidator(z.looseObject({ a: z.string() }).catchall(z.string()))).toThrow(
      TypeError,
    )
    expect(() => compileValidator(z.string().max(3))).toThrow(TypeError)
  })

  it('checks exclusive bounds and non-strict objects like zod', () => {
    const positive = compileValidator(z.number().gt(0).lt(10))
    expect([0, 0.5, 10, 9.9].map(positive)).toEqual([false, true, false, true])
    const loose = compileValidator(z.object({ a: z.string() }))
    expect(loose({ a: 'x', b: 1 })).toBe(true)
    expect(loose({ b: 1 })).toBe(false)
  })

  it('finds an unknown key of a strict object even when a known key is present as undefined', () => {
    const strict = compileValidator(z.strictObject({ a: z.string().optional(), b: z.string() }))
    expect(strict({ b: 'x' })).toBe(true)
    expect(strict({ a: undefined, b: 'x' })).toBe(true)
    expect(strict({ a: undefined, b: 'x', c: 1 })).toBe(false)
    expect(strict({ b: 'x', c: undefined })).toBe(false)
    expect(strict({ a: 'y', c: 'x' })).toBe(false)
  })
})
