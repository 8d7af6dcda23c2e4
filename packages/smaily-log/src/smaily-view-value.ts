import { isIP } from 'node:net'
import { type CanonicalEvent, countryFromTld } from '@evnorm/core'

/** Device and location context of an event. */
export type DeviceContext = NonNullable<CanonicalEvent['context']>

type ContextKey = 'ip' | 'os' | 'browser' | 'userAgent' | 'country'

const KEY_ALIASES: Readonly<Record<string, ContextKey>> = {
  ip: 'ip',
  ipaddress: 'ip',
  os: 'os',
  operatingsystem: 'os',
  platform: 'os',
  client: 'browser',
  emailclient: 'browser',
  mailclient: 'browser',
  browser: 'browser',
  useragent: 'userAgent',
  ua: 'userAgent',
  country: 'country',
  countrycode: 'country',
}

const PAIR = /^\s*([A-Za-z][A-Za-z _-]*?)\s*[=:]\s*(.*?)\s*$/s
const PART_SEPARATOR = /\s*[;|,\t\n]\s*/
const COUNTRY_CODE = /^[A-Za-z]{2}$/
const ADDRESS_CHARACTERS = /^[0-9A-Fa-f:.%]+$/

type MutableContext = { -readonly [K in keyof DeviceContext]: DeviceContext[K] }

function isAddress(text: string): boolean {
  return ADDRESS_CHARACTERS.test(text) && isIP(text) !== 0
}

function countryCodeOf(text: string): string | undefined {
  return COUNTRY_CODE.test(text) ? countryFromTld(text) : undefined
}

function aliasOf(key: string): ContextKey | undefined {
  const folded = key.toLowerCase().replace(/[ _-]/g, '')
  return Object.hasOwn(KEY_ALIASES, folded) ? KEY_ALIASES[folded] : undefined
}

function setCountry(context: MutableContext, text: string, country: string | undefined): void {
  if (country !== undefined) context.country = country
  if (country !== text) context.countryRaw = text
}

/**
 * Extracts what can be recognised from a `view` value, whose serialization Smaily does not
 * document (only that it holds the OS, email client, IP address and country). The value is
 * split into parts at `;`, `|`, `,`, tab or newline.
 * - Keyed parts (`key=value` or `key: value`) are read by name: `ip`/`ip address`, `os`,
 *   `client`/`email client`/`browser`, `user agent`, `country`/`country code`.
 * - With no keyed part, a part that is a valid IPv4/IPv6 address is the IP; a last part of
 *   two letters naming an ISO 3166-1 code is the country; four parts in the documented order
 *   (OS, client, IP, country) give the OS and client too.
 * A two-letter country that names an ISO 3166-1 code (any case; `UK` is `GB`) goes to
 * `country`, and the text as sent to `countryRaw` when it differs; any other country text goes
 * to `countryRaw` alone. Returns undefined when nothing is recognised.
 */
export function viewContext(value: string): DeviceContext | undefined {
  const parts = value.split(PART_SEPARATOR).filter((part) => part !== '')
  const context: MutableContext = {}
  let keyed = false
  for (const part of parts) {
    const pair = part.includes('=') || part.includes(':') ? PAIR.exec(part) : null
    const key = pair?.[1] === undefined ? undefined : aliasOf(pair[1])
    const text = pair?.[2]
    if (key === undefined || text === undefined || text === '') continue
    keyed = true
    if (key === 'country') setCountry(context, text, countryCodeOf(text))
    else if (key !== 'ip' || isAddress(text)) context[key] = text
  }
  if (!keyed) {
    const ip = parts.find(isAddress)
    if (ip !== undefined) context.ip = ip
    const last = parts.length > 1 ? parts.at(-1) : undefined
    const country = last === undefined ? undefined : countryCodeOf(last)
    if (country !== undefined) setCountry(context, last as string, country)
    if (parts.length === 4 && parts[2] === ip && parts[0] !== undefined && parts[1] !== undefined) {
      context.os = parts[0]
      context.browser = parts[1]
    }
  }
  return Object.keys(context).length === 0 ? undefined : context
}
