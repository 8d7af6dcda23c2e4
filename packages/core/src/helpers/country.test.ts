import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { countryFromTld, ISO_3166_ALPHA_2_CODES } from './country.js'

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' })

describe('ISO_3166_ALPHA_2_CODES', () => {
  test('holds the 249 assigned codes, sorted and unique', () => {
    expect(ISO_3166_ALPHA_2_CODES).toHaveLength(249)
    expect(new Set(ISO_3166_ALPHA_2_CODES).size).toBe(249)
    expect([...ISO_3166_ALPHA_2_CODES].sort()).toEqual(ISO_3166_ALPHA_2_CODES)
    for (const code of ISO_3166_ALPHA_2_CODES) expect(code).toMatch(/^[A-Z]{2}$/)
  })

  test('names only regions that ICU knows', () => {
    for (const code of ISO_3166_ALPHA_2_CODES) expect(regionNames.of(code), code).toBeDefined()
  })

  test('includes recent codes and excludes deleted and reserved ones', () => {
    for (const code of ['SS', 'CW', 'SX', 'BQ', 'BL', 'MF', 'AX', 'GB', 'RU', 'EE', 'TL']) {
      expect(ISO_3166_ALPHA_2_CODES).toContain(code)
    }
    for (const code of ['AN', 'YU', 'CS', 'TP', 'SU', 'UK', 'EU', 'AC', 'XK', 'ZZ']) {
      expect(ISO_3166_ALPHA_2_CODES).not.toContain(code)
    }
  })
})

describe('countryFromTld', () => {
  test('maps every assigned code from its TLD and code forms', () => {
    for (const code of ISO_3166_ALPHA_2_CODES) {
      const tld = code.toLowerCase()
      for (const text of [`.${tld}`, tld, `.${code}`, code, ` .${tld} `]) {
        expect(countryFromTld(text), text).toBe(code)
      }
    }
  })

  test('maps the ccTLDs that differ from their country code', () => {
    for (const text of ['.uk', 'uk', '.UK', 'UK']) expect(countryFromTld(text)).toBe('GB')
    expect(countryFromTld('.ac')).toBe('SH')
    expect(countryFromTld('.tp')).toBe('TL')
    expect(countryFromTld('.ru')).toBe('RU')
  })

  test('returns undefined for non-country TLDs, unassigned codes and garbage', () => {
    const texts = [
      '.su',
      '.eu',
      '.yu',
      '.an',
      '.com',
      '.org',
      '.net',
      '.io.',
      '',
      '.',
      '..uk',
      'u',
      '.gbr',
      'GBR',
      'g b',
      'zz',
      '.xk',
      '.ﬀ',
      '.ıt',
      'uk.',
    ]
    for (const text of texts) expect(countryFromTld(text), text).toBeUndefined()
  })

  test.prop([fc.string({ unit: 'binary' })])('returns undefined or an assigned code', (text) => {
    const country = countryFromTld(text)
    if (country !== undefined) expect(ISO_3166_ALPHA_2_CODES).toContain(country)
  })

  test.prop([fc.stringMatching(/^\.?[A-Za-z]{2}$/)])('is case-insensitive', (text) => {
    expect(countryFromTld(text.toUpperCase())).toBe(countryFromTld(text.toLowerCase()))
  })
})
