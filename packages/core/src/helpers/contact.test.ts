import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { normalizeEmail, normalizePhone } from './contact.js'

describe('normalizeEmail', () => {
  test('trims and lower-cases the domain, keeping the local part as sent', () => {
    expect(normalizeEmail('  John.Doe@Example.COM \n')).toBe('John.Doe@example.com')
    expect(normalizeEmail('MiXeD@sub.EXAMPLE.ee')).toBe('MiXeD@sub.example.ee')
  })

  test('treats the text after the last @ as the domain', () => {
    expect(normalizeEmail('"A@B"@Example.COM')).toBe('"A@B"@example.com')
  })

  test('lower-cases an internationalized domain', () => {
    expect(normalizeEmail('Jüri@ÄRI.EE')).toBe('Jüri@äri.ee')
  })

  test('returns undefined for empty and whitespace-only text', () => {
    for (const text of ['', ' ', '\t\n', '\u00a0\ufeff'])
      expect(normalizeEmail(text)).toBeUndefined()
  })

  test('keeps text without @ trimmed and otherwise unchanged', () => {
    expect(normalizeEmail('  Not An Email ')).toBe('Not An Email')
  })

  test('keeps odd addresses instead of dropping them', () => {
    expect(normalizeEmail('user@')).toBe('user@')
    expect(normalizeEmail('@Example.COM')).toBe('@example.com')
  })

  test.prop([fc.string({ unit: 'binary' })])('is idempotent', (text) => {
    const once = normalizeEmail(text)
    expect(once === undefined ? undefined : normalizeEmail(once)).toBe(once)
  })

  test.prop([fc.string(), fc.string(), fc.string()])(
    'keeps the local part and the domain up to case',
    (local, domain, padding) => {
      const text = `${local}@${domain}`
      fc.pre(text.trim() === text && !domain.includes('@'))
      const normalized = normalizeEmail(`${padding.replace(/\S/g, ' ')}${text}`)
      expect(normalized).toBe(`${local}@${domain.toLowerCase()}`)
    },
  )
})

describe('normalizePhone', () => {
  test('keeps a leading + and the digits, dropping separators', () => {
    expect(normalizePhone('+372 555-1234')).toBe('+3725551234')
    expect(normalizePhone('(+372) 555.12.34')).toBe('+3725551234')
    expect(normalizePhone(' 8 (800) 555–35–35 ')).toBe('88005553535')
    expect(normalizePhone('+7\u00a0999\u202f123\u221245\u201067')).toBe('+79991234567')
    expect(normalizePhone('0')).toBe('0')
  })

  test('returns undefined when no digit remains', () => {
    for (const text of ['', ' ', '+', '( ) - .', '+ ()'])
      expect(normalizePhone(text)).toBeUndefined()
  })

  test('returns undefined when any other character is present', () => {
    const texts = [
      '555-CALL',
      '+372 555 1234 ext 5',
      '#31#',
      '*100#',
      '1+2',
      '++372',
      '372+',
      '+3/72',
      '٣٧٢',
      '１２３',
    ]
    for (const text of texts) expect(normalizePhone(text)).toBeUndefined()
  })

  test('reads long hostile runs of separators (the regex does not backtrack)', () => {
    const spaces = ' '.repeat(200_000)
    expect(normalizePhone(`${spaces}x`)).toBeUndefined()
    expect(normalizePhone(`${spaces}+${spaces}x`)).toBeUndefined()
    expect(normalizePhone(`${'1 '.repeat(100_000)}x`)).toBeUndefined()
    expect(normalizePhone(`${spaces}+${spaces}5`)).toBe('+5')
  })

  test.prop([
    fc.boolean(),
    fc.array(
      fc.oneof(
        fc.constantFrom(' ', '-', '.', '(', ')', '\t', '–'),
        fc.integer({ min: 0, max: 9 }).map(String),
      ),
    ),
  ])('is the + and the digits of any separated number', (plus, pieces) => {
    const digits = pieces.filter((piece) => /\d/.test(piece)).join('')
    fc.pre(digits !== '')
    expect(normalizePhone(`${plus ? '+' : ''}${pieces.join('')}`)).toBe(
      `${plus ? '+' : ''}${digits}`,
    )
  })

  test.prop([fc.string({ unit: 'binary' })])('returns undefined or a + and digits', (text) => {
    const phone = normalizePhone(text)
    if (phone !== undefined) expect(phone).toMatch(/^\+?\d+$/)
  })

  test.prop([fc.string(), fc.constantFrom('a', 'Z', '#', '*', '/', ',', 'x', '_', '٣')])(
    'rejects text with a letter or symbol anywhere',
    (text, intruder) => {
      const at = text.length === 0 ? 0 : text.length >> 1
      expect(normalizePhone(`${text.slice(0, at)}${intruder}${text.slice(at)}`)).toBeUndefined()
    },
  )
})
