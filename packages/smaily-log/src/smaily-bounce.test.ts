import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bounceDetails } from './smaily-bounce.js'

describe('bounceDetails', () => {
  it.each([
    ['550', { class: 'hard', codeKind: 'smtp', code: '550' }],
    ['554', { class: 'hard', codeKind: 'smtp', code: '554' }],
    ['421', { class: 'soft', codeKind: 'smtp', code: '421' }],
    ['452', { class: 'soft', codeKind: 'smtp', code: '452' }],
    ['250', { class: 'unknown', codeKind: 'smtp', code: '250' }],
    ['5.1.1', { class: 'hard', codeKind: 'smtp', code: '5.1.1' }],
    ['4.2.2', { class: 'soft', codeKind: 'smtp', code: '4.2.2' }],
    [
      '550 5.1.1 User unknown',
      { class: 'hard', codeKind: 'smtp', code: '550', message: '5.1.1 User unknown' },
    ],
    [
      '451-Greylisted, try later',
      { class: 'soft', codeKind: 'smtp', code: '451', message: 'Greylisted, try later' },
    ],
    ['550 ', { class: 'hard', codeKind: 'smtp', code: '550' }],
    [' 421\n', { class: 'soft', codeKind: 'smtp', code: '421' }],
    [' 1002', { class: 'unknown', codeKind: 'vendor', code: '1002' }],
    ['5.7.1 blocked', { class: 'hard', codeKind: 'smtp', code: '5.7.1', message: 'blocked' }],
    [
      ' 4.2.2 - mailbox full ',
      { class: 'soft', codeKind: 'smtp', code: '4.2.2', message: 'mailbox full' },
    ],
    [
      '550 5.1.1 user unknown',
      { class: 'hard', codeKind: 'smtp', code: '550', message: '5.1.1 user unknown' },
    ],
    ['0', { class: 'unknown', codeKind: 'vendor', code: '0' }],
    ['200', { class: 'unknown', codeKind: 'vendor', code: '200' }],
    ['1001', { class: 'unknown', codeKind: 'vendor', code: '1001' }],
    ['1002', { class: 'unknown', codeKind: 'vendor', code: '1002' }],
    ['999', { class: 'unknown', code: '999' }],
    ['1003', { class: 'unknown', code: '1003' }],
    ['mailbox full', { class: 'unknown', message: 'mailbox full' }],
    [' no code here ', { class: 'unknown', message: ' no code here ' }],
    ['   ', { class: 'unknown', message: '   ' }],
    ['5500', { class: 'unknown', code: '5500' }],
    [undefined, { class: 'unknown' }],
  ])('%j', (value, details) => {
    expect(bounceDetails(value)).toEqual(details)
  })

  it('classes every SMTP reply code by its first digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 599 }).filter((code) => code !== 200),
        (code) => {
          const expected = code >= 500 ? 'hard' : code >= 400 ? 'soft' : 'unknown'
          expect(bounceDetails(String(code))).toEqual({
            class: expected,
            codeKind: 'smtp',
            code: String(code),
          })
        },
      ),
    )
  })

  it('classes a reply or enhanced code by its first digit, with spaces and text around it', () => {
    const code = fc.oneof(
      fc.integer({ min: 201, max: 599 }).map(String),
      fc
        .tuple(fc.constantFrom('2', '4', '5'), fc.nat({ max: 999 }), fc.nat({ max: 999 }))
        .map((parts) => parts.join('.')),
    )
    const space = fc.constantFrom('', ' ', '  ', '\t', '\n')
    const text = fc.constantFrom('', ' user unknown', ' 5.1.1 no such user', '-Greylisted')
    fc.assert(
      fc.property(space, code, text, space, (before, code, text, after) => {
        const details = bounceDetails(`${before}${code}${text}${after}`)
        const digit = code[0]
        expect(details.class).toBe(digit === '5' ? 'hard' : digit === '4' ? 'soft' : 'unknown')
        expect(details.codeKind).toBe('smtp')
        expect(details.code).toBe(code)
        expect(details.message).toBe(text === '' ? undefined : text.replace(/^[ -]/, ''))
      }),
    )
  })

  it('never loses the value: it is the code, the message, or code and message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (value) => {
        const details = bounceDetails(value)
        const kept = [details.code, details.message].filter((part) => part !== undefined)
        expect(kept.length).toBeGreaterThan(0)
        for (const part of kept) expect(value).toContain(part)
      }),
    )
  })
})
