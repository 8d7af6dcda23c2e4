import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import { type CanonicalEvent, CanonicalEventSchema } from '../model/canonical-event-schema.js'
import type { Rejection } from '../model/outcome.js'
import { normalize, normalizeRecords } from '../normalize/normalize.js'
import { createNormalizeRun } from '../normalize/normalize-run.js'
import { normalizeStream } from '../normalize/normalize-stream.js'
import { hashInput, isKeyedHash, keyedHash } from './keyed-hash.js'
import { createPrivacy, RAW_DROPPED_NOTE, RAW_HASHED_NOTE } from './privacy.js'

const KEY = 'a-test-key-of-32-bytes-0123456789'
const OTHER_KEY = 'another-key-of-32-bytes-987654321'
const key = new TextEncoder().encode(KEY)

const event = {
  schema: 'evnorm.event.v1',
  id: '0b6d6b5c-6a3e-5a7e-8c1c-2f2d9b1a0e11',
  type: 'message.opened',
  channel: 'email',
  occurredAt: '2025-01-01T00:00:00.000000000Z',
  count: 1,
  source: { vendor: 'v', feed: 'v.f', verb: 'open', idBasis: 'content', time: { raw: 't' } },
  recipient: {
    email: ' Ann@Example.ORG',
    phone: '+372 555 1234',
    profileId: '42',
    listId: '7',
    hashes: { _md5: '0cc175b9c0f1b6a831c399e269772661' },
    fields: { name: 'Ann', age: 33, vip: true },
  },
  profileSubscriptions: [{ channel: 'email', email: 'ann@example.org', hashId: 'h1' }],
  context: { ip: '10.0.0.1', userAgent: 'UA', country: 'EE', city: 'Tallinn', latitude: 59.4 },
  details: { unique: true, raw: 'Linux; Thunderbird; 10.0.0.1; EE' },
  raw: { email: 'ann@example.org', n: 5 },
} as CanonicalEvent

describe('keyed hash', () => {
  it('normalizes emails and phones, so a person hashes alike in every feed', () => {
    expect(hashInput('email', ' Ann@Example.ORG ')).toBe('ann@example.org')
    expect(hashInput('phone', '+372 (555) 12-34')).toBe('+3725551234')
    expect(hashInput('phone', '3725551234')).toBe('+3725551234')
    expect(keyedHash(key, 'email', 'ANN@example.org')).toBe(
      keyedHash(key, 'email', ' ann@EXAMPLE.org'),
    )
  })

  it('is hmac-sha256: and the hex HMAC, different under another key, and never hashed twice', () => {
    const hashed = keyedHash(key, 'email', 'ann@example.org')
    expect(isKeyedHash(hashed)).toBe(true)
    expect(hashed).toBe(`hmac-sha256:${expectedHmac(KEY, 'ann@example.org')}`)
    expect(keyedHash(new TextEncoder().encode(OTHER_KEY), 'email', 'ann@example.org')).not.toBe(
      hashed,
    )
    expect(keyedHash(key, 'email', hashed)).toBe(hashed)
  })
})

function expectedHmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex')
}

describe('createPrivacy', () => {
  it('hashes every class under all=hash, keeps vendor hashes, drops coordinates, keeps the id', () => {
    const privacy = createPrivacy({ actions: { all: 'hash' }, hashKey: KEY })
    const hidden = privacy.event(event) as CanonicalEvent & typeof event
    expect(hidden.id).toBe(event.id)
    expect(hidden.recipient?.email).toBe(keyedHash(key, 'email', 'ann@example.org'))
    expect(hidden.profileSubscriptions?.[0]?.email).toBe(hidden.recipient?.email)
    expect(hidden.recipient?.phone).toBe(keyedHash(key, 'phone', '+3725551234'))
    expect(hidden.recipient?.listId).toBe('7')
    expect(hidden.recipient?.hashes).toEqual(event.recipient?.hashes)
    expect(hidden.profileSubscriptions?.[0]?.hashId).toBe('h1')
    expect(hidden.recipient?.fields).toEqual({
      name: keyedHash(key, 'profile', 'Ann'),
      age: keyedHash(key, 'profile', '33'),
      vip: true,
    })
    expect(hidden.context).toEqual({
      ip: keyedHash(key, 'ip', '10.0.0.1'),
      userAgent: keyedHash(key, 'user_agent', 'UA'),
      country: 'EE',
      city: keyedHash(key, 'geo', 'Tallinn'),
    })
    expect(CanonicalEventSchema.safeParse(hidden).success).toBe(true)
    expect(privacy.event(hidden)).toEqual(hidden)
    expect(event.recipient?.email).toBe(' Ann@Example.ORG')
  })

  it('drops what it is told to, and keeps the rest as it was', () => {
    const hidden = createPrivacy({ actions: { geo: 'drop', email: 'drop' } }).event(event)
    expect(hidden.recipient).not.toHaveProperty('email')
    expect(hidden.recipient).not.toHaveProperty('hashes')
    expect(hidden.profileSubscriptions?.[0]).not.toHaveProperty('email')
    expect(hidden.context).toEqual({ ip: '10.0.0.1', userAgent: 'UA', country: 'EE' })
    expect(hidden.recipient?.phone).toBe(event.recipient?.phone)
    expect(hidden.raw).toBe(event.raw)
  })

  it('lets a class override all, and refuses misuse', () => {
    expect(createPrivacy({ actions: { all: 'drop', ip: 'keep' } }).actions.ip).toBe('keep')
    expect(createPrivacy({ actions: { all: 'keep' } }).active).toBe(false)
    expect(() => createPrivacy({ actions: { email: 'hash' } })).toThrow(/hashKey/)
    expect(() => createPrivacy({ actions: { email: 'hash' }, hashKey: 'short' })).toThrow(/16/)
    expect(() => createPrivacy({ actions: { mail: 'drop' } as never })).toThrow(/mail/)
  })

  it("drops or hashes a rejection's raw record field by field, and says so", () => {
    const rejection: Rejection = {
      feed: 'v.f',
      index: 0,
      locator: '$[0]',
      path: ['at'],
      reason: 'invalid_time',
      message: 'bad time',
      raw: { email: 'ann@example.org', n: [1, null, false] },
    }
    const dropped = createPrivacy({ actions: { raw: 'drop' } }).rejection(rejection)
    expect(dropped).toMatchObject({ raw: null, message: `bad time ${RAW_DROPPED_NOTE}` })
    const hashed = createPrivacy({ actions: { raw: 'hash' }, hashKey: KEY }).rejection(rejection)
    expect(hashed.raw).toEqual({
      email: keyedHash(key, 'raw', 'ann@example.org'),
      n: [keyedHash(key, 'raw', '1'), null, false],
    })
    expect(hashed.message).toBe(`bad time ${RAW_HASHED_NOTE}`)
  })
})

describe('the privacy option', () => {
  const adapter = createExampleAdapter()
  const records = [
    { id: '1', verb: 'bounced', at: '2025-01-01T00:00:00Z', email: 'Ann@B.example' },
    { verb: 'clicked', at: '2025-01-01T00:00:00Z', email: 'ann@b.example' },
    { verb: 'clicked', at: 'not a time', email: 'ann@b.example' },
  ]
  const text = records.map((record) => JSON.stringify(record)).join('\n')
  const privacy = { actions: { all: 'hash' }, hashKey: KEY } as const

  it('changes nothing when off or when every class is kept (byte for byte)', () => {
    const plain = JSON.stringify(normalize(adapter, text, { includeRaw: true }))
    expect(
      JSON.stringify(normalize(adapter, text, { includeRaw: true, privacy: { actions: {} } })),
    ).toBe(plain)
    expect(
      JSON.stringify(
        normalize(adapter, text, { includeRaw: true, privacy: { actions: { all: 'keep' } } }),
      ),
    ).toBe(plain)
  })

  it('gives the same events and rejections in normalize, normalizeStream and createNormalizeRun', async () => {
    const batch = normalizeRecords(adapter, records, { includeRaw: true, privacy })
    expect(batch.counts).toMatchObject({ records: 3, accepted: 2, rejected: 1 })
    expect(batch.events.map((e) => e.id)).toEqual(
      normalizeRecords(adapter, records).events.map((e) => e.id),
    )
    expect(JSON.stringify(batch)).not.toMatch(/ann@/i)
    const whole = normalize(adapter, text, { includeRaw: true, privacy })
    const streamed: unknown[] = []
    for await (const item of normalizeStream(adapter, [text], {
      includeRaw: true,
      privacy,
      batchSize: 1,
    })) {
      if (item.success) streamed.push(...item.events, ...item.rejections)
    }
    const run = createNormalizeRun(adapter, { includeRaw: true, privacy })
    const pushed = run.push(text)
    const ended = run.end()
    if (!whole.success || !pushed.success) throw new Error('unreadable')
    expect(streamed).toEqual([...whole.events, ...whole.rejections])
    expect([...pushed.events, ...ended.events]).toEqual(whole.events)
    expect(pushed.rejections.map((r) => r.raw)).toEqual(whole.rejections.map((r) => r.raw))
  })
})
