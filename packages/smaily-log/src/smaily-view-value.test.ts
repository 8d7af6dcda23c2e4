import { describe, expect, it } from 'vitest'
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

  it('picks out an IP address and a trailing country code from free text', () => {
    expect(viewContext('Mozilla/5.0 (X11; Linux x86_64), 192.0.2.1')).toEqual({ ip: '192.0.2.1' })
    expect(viewContext('Outlook, 192.0.2.1, EE')).toEqual({ ip: '192.0.2.1', country: 'EE' })
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
})
