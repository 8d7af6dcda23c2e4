import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { parseJsonLossless } from './lossless-json.js'

const UINT64_MAX = (1n << 64n) - 1n
const INT64_MIN = -(1n << 63n)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

const unsafeInteger = fc.oneof(
  fc.bigInt({ min: MAX_SAFE + 1n, max: UINT64_MAX }),
  fc.bigInt({ min: INT64_MIN, max: -MAX_SAFE - 1n }),
  fc.bigInt({ min: 10n ** 19n, max: 10n ** 40n }),
)

const whitespace = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ')

function parsed(text: string): unknown {
  const result = parseJsonLossless(text)
  if (!result.success) throw new Error(`unexpected failure: ${result.message}`)
  return result.value
}

/** Replaces each unsafe integer by a placeholder string and renders the JSON text. */
function render(value: unknown, indent?: number | string): string {
  return JSON.stringify(
    value,
    (_key, item) => (typeof item === 'bigint' ? `@@${item}@@` : item),
    indent,
  ).replace(/"@@(-?\d+)@@"/g, '$1')
}

/** True for a number that JSON.stringify writes as an integer literal beyond ±(2^53−1). */
function isUnsafeIntegerLiteral(item: unknown): item is number {
  return (
    typeof item === 'number' &&
    Number.isInteger(item) &&
    !Number.isSafeInteger(item) &&
    Math.abs(item) < 1e21
  )
}

/** The value parseJsonLossless must return: unsafe integer literals as their decimal strings. */
function expected(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item) =>
      typeof item === 'bigint' || isUnsafeIntegerLiteral(item) ? String(item) : item,
    ),
  )
}

function hasUnsafeIntegerLiteral(value: unknown): boolean {
  let found = false
  JSON.stringify(value, (_key, item) => {
    found ||= isUnsafeIntegerLiteral(item)
    return item
  })
  return found
}

/** JSON values with unsafe integers (as bigints) anywhere. */
const jsonWithBigIntegers = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    unsafeInteger,
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
  ),
})).value

describe('parseJsonLossless', () => {
  test.prop([fc.bigInt({ min: 0n, max: UINT64_MAX }), whitespace, whitespace])(
    'keeps every uint64 written as a bare number',
    (value, before, after) => {
      const text = `${before}${value}${after}`
      const result = parsed(text)
      if (value > MAX_SAFE) expect(result).toBe(String(value))
      else expect(result).toBe(Number(value))
    },
  )

  test.prop([
    fc.oneof(
      fc.bigInt({ min: 10n ** 15n, max: 10n ** 16n - 1n }),
      fc.bigInt({ min: MAX_SAFE - 1000n, max: MAX_SAFE + 1000n }),
    ),
    fc.boolean(),
  ])(
    'draws the line at 2^53−1 for 16-digit members, as member values and elsewhere',
    (value, negative) => {
      const written = negative ? -value : value
      const exact = value > MAX_SAFE ? String(written) : Number(written)
      expect(parsed(`{"a":${written},"b":[${written}],"c":${written}}`)).toEqual({
        a: exact,
        b: [exact],
        c: exact,
      })
      expect(parsed(`{"a":${written}}`)).toEqual({ a: exact })
      expect(parsed(`{"safe":9007199254740991,"x": ${written}}`)).toEqual({
        safe: 9007199254740991,
        x: exact,
      })
    },
  )

  test.prop([fc.bigInt({ min: INT64_MIN, max: (1n << 63n) - 1n })])(
    'keeps every int64 in arrays and objects',
    (value) => {
      const safe = value >= -MAX_SAFE && value <= MAX_SAFE
      const exact = safe ? Number(value) : String(value)
      expect(parsed(`[${value}]`)).toEqual([exact])
      expect(parsed(`{"id": ${value} ,"n":[1, ${value}]}`)).toEqual({ id: exact, n: [1, exact] })
    },
  )

  test.prop([jsonWithBigIntegers, fc.constantFrom(undefined, 2, '\t')])(
    'keeps unsafe integers nested anywhere, compact or pretty-printed',
    (value, indent) => {
      expect(parsed(render(value, indent))).toEqual(expected(value))
    },
  )

  test.prop([fc.jsonValue().filter((value) => !hasUnsafeIntegerLiteral(value))])(
    'parses documents without big integers exactly like JSON.parse',
    (value) => {
      const text = JSON.stringify(value)
      expect(parsed(text)).toStrictEqual(JSON.parse(text))
      const pretty = JSON.stringify(value, null, 2)
      expect(parsed(pretty)).toStrictEqual(JSON.parse(pretty))
    },
  )

  test.prop([
    fc.array(fc.oneof(fc.stringMatching(/^[\d":,\\ \][{}-]{0,40}$/), unsafeInteger.map(String))),
  ])('leaves strings with long digit runs, quotes and backslashes untouched', (pieces) => {
    const strings = pieces.map((piece) => `${piece}:${piece},12345678901234567890]`)
    const text = JSON.stringify({ strings, [strings.join('')]: strings })
    expect(parsed(text)).toStrictEqual(JSON.parse(text))
  })

  it('quotes only unsafe integer tokens, keeping fractions, exponents and safe integers', () => {
    const text =
      '[0.12345678901234567891, 1e12345678901234567, 1E+12345678901234567, 2e-12345678901234567,' +
      ' 12345678901234567890.5, 12345678901234567890e2, 9007199254740991, -9007199254740991,' +
      ' 9007199254740992, -9007199254740992, 1000000000000000]'
    expect(parsed(text)).toStrictEqual([
      0.12345678901234568,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      0,
      12345678901234567000,
      1.2345678901234568e21,
      9007199254740991,
      -9007199254740991,
      '9007199254740992',
      '-9007199254740992',
      1000000000000000,
    ])
  })

  it('keeps big integers exact next to strings that look like numbers in value context', () => {
    const text =
      '{"note":"a:12345678901234567890,","id":12345678901234567890,"s":"\\"12345678901234567891]"}'
    expect(parsed(text)).toStrictEqual({
      note: 'a:12345678901234567890,',
      id: '12345678901234567890',
      s: '"12345678901234567891]',
    })
  })

  it('reads Smaily rows with 64-bit sequence ids', () => {
    const row = '{"seq_id":18014398509481985,"email":"mari@example.ee","campaign_id":77}'
    expect(parsed(`[${row},${row}]`)).toStrictEqual([
      { seq_id: '18014398509481985', email: 'mari@example.ee', campaign_id: 77 },
      { seq_id: '18014398509481985', email: 'mari@example.ee', campaign_id: 77 },
    ])
  })

  it.each([
    ['{12345678901234567890:1}'],
    ['{"a":012345678901234567890}'],
    ['[12345678901234567890 12345678901234567891]'],
    ['["x"12345678901234567890]'],
    ['[12345678901234567890,'],
    ['["12345678901234567890:1, \\"'],
    ['{"a" 12345678901234567890}'],
    ['[1.e12345678901234567890]'],
    [''],
    ['[1,}'],
  ])('rejects invalid JSON %j like JSON.parse does', (text) => {
    const result = parseJsonLossless(text)
    expect(result.success).toBe(false)
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
  })

  it('names the position of the problem in the original text', () => {
    expect(parseJsonLossless('[12345678901234567890, 12345678901234567891 x]')).toMatchObject({
      success: false,
      position: 44,
    })
    expect(parseJsonLossless('{"a":1')).toMatchObject({ success: false, position: 6 })
    expect(parseJsonLossless('[1, 2')).toMatchObject({ success: false, position: 5 })
    const failure = parseJsonLossless('[1,}')
    expect(failure.success).toBe(false)
    if (!failure.success) expect(failure.message).toMatch(/'}'/)
  })

  test.prop([jsonWithBigIntegers, fc.nat(), fc.constantFrom('', ',', 'x', '"', '}', ']')])(
    'never throws and agrees with JSON.parse on validity',
    (value, cut, garbage) => {
      const text = render(value)
      const broken = text.slice(0, cut % (text.length + 1)) + garbage
      let valid = true
      try {
        JSON.parse(broken)
      } catch {
        valid = false
      }
      expect(parseJsonLossless(broken).success).toBe(valid)
    },
  )

  it('stays linear and never overflows on long escapes, digit runs and strings', () => {
    const escapes = '\\"'.repeat(5_000_000)
    const started = performance.now()
    expect(parseJsonLossless(`[12345678901234567890, "${escapes}`).success).toBe(false)
    expect(parsed(`[12345678901234567890, "${escapes}", "x:12345678901234567891,"]`)).toEqual([
      '12345678901234567890',
      '"'.repeat(5_000_000),
      'x:12345678901234567891,',
    ])
    const digits = '7'.repeat(10_000_000)
    expect(parsed(`{"a":${digits},"b":[-${digits}]}`)).toEqual({ a: digits, b: [`-${digits}`] })
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})
