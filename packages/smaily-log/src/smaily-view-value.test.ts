import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { viewValueArbitrary } from './smaily-arbitraries.test-helpers.js'
import { viewContext } from './smaily-view-value.js'

describe('viewContext', () => {
  it('reads the documented order OS, client, IP, country', () => {
    expect(viewContext('Windows 10; Outlook 2019; 192.0.2.10; EE')).toEqual({
      os: 'Windows 10',
      browser: 'Outlook 2019',
      ip: '192.0.2.10',
      country: 'EE',
    })
    expect(viewContext('iOS | Apple Mail | 2001:db8::1 | lv')).toEqual({
      os: 'iOS',
      browser: 'Apple Mail',
      ip: '2001:db8::1',
      country: 'LV',
      countryRaw: 'lv',
    })
  })

  it('reads keyed parts by name', () => {
    expect(viewContext('os=Android; client=Gmail; ip=198.51.100.7; country=FI')).toEqual({
      os: 'Android',
      browser: 'Gmail',
      ip: '198.51.100.7',
      country: 'FI',
    })
    expect(
      viewContext('Email client: Thunderbird, IP address: 203.0.113.9, Country: Estonia'),
    ).toEqual({
      browser: 'Thunderbird',
      ip: '203.0.113.9',
      countryRaw: 'Estonia',
    })
  })

  it('picks out an IP address from free text', () => {
    expect(viewContext('Mozilla/5.0 (X11; Linux x86_64), 192.0.2.1')).toEqual({ ip: '192.0.2.1' })
    expect(viewContext('Outlook, 192.0.2.1, EE')).toEqual({ ip: '192.0.2.1' })
  })

  it('takes a bare country only in the four-part order, where other text is countryRaw', () => {
    expect(viewContext('Windows, Outlook, IE')).toBeUndefined()
    expect(viewContext('Windows 10; Outlook 2019; 192.0.2.10; Estonia')).toEqual({
      os: 'Windows 10',
      browser: 'Outlook 2019',
      ip: '192.0.2.10',
      countryRaw: 'Estonia',
    })
  })

  it("keeps a keyed value's own separators", () => {
    const agent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0'
    expect(viewContext(`ua=${agent}; ip=192.0.2.1`)).toEqual({ userAgent: agent, ip: '192.0.2.1' })
    expect(viewContext('ua=Mozilla/5.0 (Windows NT 10.0; Win64; x64…; os=Windows, 10')).toEqual({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64…',
      os: 'Windows, 10',
    })
    expect(viewContext('os=Linux; foo=bar; country=EE')).toEqual({ os: 'Linux', country: 'EE' })
    expect(viewContext('os=a) b; ip=192.0.2.1 (c)')).toEqual({ os: 'a) b' })
    expect(viewContext('os=a:b=c; ip: 192.0.2.1')).toEqual({ os: 'a:b=c', ip: '192.0.2.1' })
  })

  it('names the country by its ISO code, keeping other country text raw', () => {
    expect(viewContext('country=UK')).toEqual({ country: 'GB', countryRaw: 'UK' })
    expect(viewContext('country=XX')).toEqual({ countryRaw: 'XX' })
    expect(viewContext('Linux, 192.0.2.1, ZZ')).toEqual({ ip: '192.0.2.1' })
  })

  it('does not take a keyed IP that is not an address, nor a lone word as a country', () => {
    expect(viewContext('ip=unknown; os=Linux')).toEqual({ os: 'Linux' })
    expect(viewContext('EE')).toBeUndefined()
    expect(viewContext('999.1.1.1; x')).toBeUndefined()
    expect(viewContext('')).toBeUndefined()
  })

  it('reads long hostile values', () => {
    const spaces = ' '.repeat(100_000)
    expect(viewContext(`a${spaces}1=`)).toBeUndefined()
    expect(viewContext(`ip=${spaces}192.0.2.1${spaces};${spaces}`)).toEqual({ ip: '192.0.2.1' })
    expect(viewContext(`os=${'x;'.repeat(50_000)}`)).toEqual({
      os: `${'x;'.repeat(49_999)}x`,
    })
    expect(viewContext(`${'('.repeat(50_000)}; 192.0.2.1`)).toEqual({ ip: '192.0.2.1' })
    expect(viewContext(`${'a:'.repeat(50_000)}; ${'=;'.repeat(50_000)}`)).toBeUndefined()
    expect(viewContext(`country=${spaces}ee`)).toEqual({ country: 'EE', countryRaw: 'ee' })
  })

  it('never throws, and every part it takes is text of the value', () => {
    fc.assert(
      fc.property(viewValueArbitrary, (value) => {
        const context = viewContext(value)
        if (context === undefined) return
        expect(Object.keys(context).length).toBeGreaterThan(0)
        for (const [key, text] of Object.entries(context)) {
          if (key === 'country') expect(text).toMatch(/^[A-Z]{2}$/)
          else expect(value).toContain(text)
        }
      }),
      { numRuns: 1000 },
    )
  })
})
