import { isDeepStrictEqual } from 'node:util'
import { fc, test } from '@fast-check/vitest'
import { v5 } from 'uuid'
import { describe, expect } from 'vitest'
import { EVNORM_ID_NAMESPACE, eventId, uuidV5 } from './event-id.js'

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'
const V5_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const fromCode = (code: number) => String.fromCharCode(code)
const anyCodeUnit = fc.oneof(
  fc.constantFrom(
    '"',
    '\\',
    ',',
    '[',
    ']',
    '\u007f',
    '\u2028',
    '\ud800',
    '\udbff',
    '\udc00',
    '\udfff',
  ),
  fc.nat({ max: 0x1f }).map(fromCode),
  fc.integer({ min: 0xd800, max: 0xdfff }).map(fromCode),
  fc.nat({ max: 0xffff }).map(fromCode),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
)
const wellFormedText = fc.string({ unit: 'binary', maxLength: 300 })
const anyText = fc.string({ unit: anyCodeUnit, maxLength: 300 })
const mediumText = fc.string({ unit: anyCodeUnit, minLength: 300, maxLength: 700 })
const longText = fc.string({ unit: anyCodeUnit, minLength: 1400, maxLength: 5000 })
const namespace = fc
  .tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.boolean())
  .map(([bytes, upper]) => {
    const hex = Buffer.from(bytes).toString('hex')
    const text = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    return { bytes, text: upper ? text.toUpperCase() : text }
  })
const part = fc.oneof(anyText, fc.constant(null), fc.constant(undefined))

function referenceEventId(feed: string, parts: readonly (string | null | undefined)[]): string {
  return v5(JSON.stringify([feed, ...parts]), EVNORM_ID_NAMESPACE)
}

describe('EVNORM_ID_NAMESPACE', () => {
  test('is the v5 of https://evnorm.dev/ns/event-id in the URL namespace', () => {
    expect(v5.URL).toBe(URL_NAMESPACE)
    expect(EVNORM_ID_NAMESPACE).toBe(v5('https://evnorm.dev/ns/event-id', URL_NAMESPACE))
    expect(uuidV5('https://evnorm.dev/ns/event-id', URL_NAMESPACE)).toBe(EVNORM_ID_NAMESPACE)
  })
})

describe('uuidV5', () => {
  test('matches the RFC 9562 / Python uuid5 vector for www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })

  test('defaults to the evnorm namespace', () => {
    expect(uuidV5('x')).toBe(v5('x', EVNORM_ID_NAMESPACE))
  })

  test('reads the namespace in any case', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE.toUpperCase())).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    )
  })

  test.prop([wellFormedText, namespace])(
    'equals the uuid package for well-formed strings and any namespace',
    (name, { bytes, text }) => {
      expect(uuidV5(name, text)).toBe(v5(name, bytes))
      expect(uuidV5(name)).toBe(v5(name, EVNORM_ID_NAMESPACE))
    },
  )

  test.prop([anyText, namespace])(
    'encodes lone surrogates as U+FFFD, as TextEncoder does',
    (name, { bytes, text }) => {
      expect(uuidV5(name, text)).toBe(v5(new TextEncoder().encode(name), bytes))
    },
  )

  test.prop([longText], { numRuns: 30 })(
    'hashes names longer than the scratch buffer the same way',
    (name) => {
      expect(uuidV5(name)).toBe(v5(new TextEncoder().encode(name), EVNORM_ID_NAMESPACE))
    },
  )

  test('hashes names at the scratch buffer boundary', () => {
    for (const length of [4094, 4095, 4096, 4097]) {
      for (const name of [
        'a'.repeat(length),
        `${'a'.repeat(length - 2)}é`,
        '😀'.repeat(length / 2),
      ]) {
        expect(uuidV5(name)).toBe(v5(name, EVNORM_ID_NAMESPACE))
      }
    }
  })

  test('hashes every name length across the SHA-1 block and engine boundaries', () => {
    for (let length = 0; length <= 300; length++) {
      for (const name of ['x'.repeat(length), 'ä'.repeat(length >> 1), '€'.repeat(length / 3)]) {
        expect(uuidV5(name)).toBe(v5(name, EVNORM_ID_NAMESPACE))
      }
    }
  })

  test('differs from the uuid package on lone surrogates only by not throwing', () => {
    expect(() => v5('a\ud800b', EVNORM_ID_NAMESPACE)).toThrow(URIError)
    expect(uuidV5('a\ud800b')).toBe(v5('a\ufffdb', EVNORM_ID_NAMESPACE))
  })

  test.prop([anyText, namespace])('has version 5 and the RFC variant', (name, { text }) => {
    expect(uuidV5(name, text)).toMatch(V5_SHAPE)
  })

  test('throws on a namespace that is not a UUID', () => {
    for (const namespace of ['', 'dns', '6ba7b8109dad11d180b400c04fd430c8', `${DNS_NAMESPACE}0`]) {
      expect(() => uuidV5('x', namespace)).toThrow(TypeError)
    }
  })
})

describe('eventId', () => {
  test('is uuidV5 of the compact JSON array in the evnorm namespace', () => {
    expect(eventId('smaily.history', ['9007199254740993', 'open', null])).toBe(
      v5('["smaily.history","9007199254740993","open",null]', EVNORM_ID_NAMESPACE),
    )
  })

  test('matches ids computed independently with Python json.dumps and uuid.uuid5', () => {
    // uuid.uuid5(uuid.UUID(EVNORM_ID_NAMESPACE), json.dumps(
    //   [feed, *parts], ensure_ascii=False, separators=(',', ':')))
    expect(eventId('smaily.history', ['9007199254740993', 'open', null])).toBe(
      'c7fab445-fd27-5f7d-b56e-5a18f37571b2',
    )
    expect(eventId('altcraft.hooks', ['Jürgen "J" \\ 😀', 'tab\there\u0001', null])).toBe(
      '904c1d30-03c9-5fb8-bff6-c4b4eba3118c',
    )
  })

  test.prop([anyText, fc.array(part, { maxLength: 6 })])(
    'equals uuid.v5(JSON.stringify([feed, ...parts])) for any code units',
    (feed, parts) => {
      expect(eventId(feed, parts)).toBe(referenceEventId(feed, parts))
    },
  )

  test.prop(
    [anyText, fc.array(fc.oneof(longText, mediumText, part), { minLength: 1, maxLength: 3 })],
    {
      numRuns: 50,
    },
  )('equals the same formula for keys near or over the scratch buffer size', (feed, parts) => {
    expect(eventId(feed, parts)).toBe(referenceEventId(feed, parts))
  })

  test.prop([anyText, fc.array(part, { maxLength: 4 }), wellFormedText, namespace])(
    'is deterministic, whatever ran before it',
    (feed, parts, otherName, otherNamespace) => {
      const first = eventId(feed, parts)
      uuidV5(otherName, otherNamespace.text)
      uuidV5(`${otherName}${'x'.repeat(5000)}`)
      eventId(otherName, [otherName, null])
      expect(eventId(feed, parts)).toBe(first)
    },
  )

  test('tells apart keys that join to the same text', () => {
    const ids = [
      eventId('f', ['a', 'b']),
      eventId('f', ['a,b']),
      eventId('f', ['ab']),
      eventId('f', ['a', 'b', null]),
      eventId('f', ['a', 'b', '']),
      eventId('f', [null]),
      eventId('f', ['null']),
      eventId('f', ['']),
      eventId('f', []),
      eventId('f,a', ['b']),
      eventId('g', ['a', 'b']),
      eventId('f', ['"a","b"']),
    ]
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('writes undefined parts as null', () => {
    expect(eventId('f', [undefined, 'x'])).toBe(eventId('f', [null, 'x']))
  })

  test.prop([anyText, fc.array(part, { maxLength: 4 }), anyText, fc.array(part, { maxLength: 4 })])(
    'differs whenever the feed or any part differs',
    (feedA, partsA, feedB, partsB) => {
      const keyA = [feedA, ...partsA.map((value) => value ?? null)]
      const keyB = [feedB, ...partsB.map((value) => value ?? null)]
      fc.pre(!isDeepStrictEqual(keyA, keyB))
      expect(eventId(feedA, partsA)).not.toBe(eventId(feedB, partsB))
    },
  )
})
