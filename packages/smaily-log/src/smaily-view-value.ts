import { isIP } from 'node:net'
import type { CanonicalEvent } from '@evnorm/core'
import { countryFromTld } from '@evnorm/core/adapter'

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

const KEY_NAME = /^[A-Za-z][A-Za-z _-]*$/
const COUNTRY_CODE = /^[A-Za-z]{2}$/
const ADDRESS_CHARACTERS = /^[0-9A-Fa-f:.%]+$/
const OPEN = 40
const CLOSE = 41

type MutableContext = { -readonly [K in keyof DeviceContext]: DeviceContext[K] }

/** One part of a `view` value: its trimmed text and, when it reads `key=…`/`key: …`, the key. */
interface Part {
  readonly text: string
  readonly key: string | undefined
  readonly rest: string
}

function isSeparator(code: number): boolean {
  return code === 59 || code === 124 || code === 44 || code === 9 || code === 10
}

/** Whether every `(` is closed by a later `)`: only then do parentheses group separators. */
function parenthesesBalance(value: string): boolean {
  let depth = 0
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code === OPEN) depth++
    else if (code === CLOSE && --depth < 0) return false
  }
  return depth === 0
}

/** A trimmed, non-empty piece between separators, where it sits in the value, read as a part. */
interface Piece {
  readonly start: number
  readonly end: number
  readonly part: Part
}

/** The pieces between separators outside parentheses (all separators, if they do not balance). */
function piecesOf(value: string): Piece[] {
  const grouping = value.includes('(') && parenthesesBalance(value)
  const pieces: Piece[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i <= value.length; i++) {
    const code = i === value.length ? 59 : value.charCodeAt(i)
    if (grouping && code === OPEN) depth++
    else if (grouping && code === CLOSE) depth--
    else if (depth === 0 && isSeparator(code)) {
      const text = value.slice(start, i).trim()
      if (text !== '') pieces.push({ start, end: i, part: partOf(text) })
      start = i + 1
    }
  }
  return pieces
}

/** Where the first `=` or `:` is, or -1. */
function markOf(text: string): number {
  const equals = text.indexOf('=')
  const colon = text.indexOf(':')
  return equals === -1 ? colon : colon === -1 ? equals : Math.min(equals, colon)
}

function partOf(text: string): Part {
  const mark = markOf(text)
  const key = mark === -1 ? '' : text.slice(0, mark).trimEnd()
  return KEY_NAME.test(key)
    ? { text, key, rest: text.slice(mark + 1).trimStart() }
    : { text, key: undefined, rest: text }
}

function aliasOf(key: string | undefined): ContextKey | undefined {
  if (key === undefined) return undefined
  const folded = key.toLowerCase().replace(/[ _-]/g, '')
  return Object.hasOwn(KEY_ALIASES, folded) ? KEY_ALIASES[folded] : undefined
}

/**
 * The parts of a value: pieces between separators, trimmed, empty ones dropped. When some piece
 * is keyed by a known name, a piece that is not `key=…`/`key: …` belongs to the value before it
 * and is glued back on with its separators verbatim (`ua=Mozilla/5.0 (X11; Linux)…; ip=…`).
 */
function partsOf(value: string): { parts: Part[]; keyed: boolean } {
  const pieces = piecesOf(value)
  const keyed = pieces.some(({ part }) => aliasOf(part.key) !== undefined)
  if (!keyed) return { parts: pieces.map(({ part }) => part), keyed }
  const parts: Part[] = []
  const close = (first: Piece, last: Piece) =>
    parts.push(first === last ? first.part : partOf(value.slice(first.start, last.end).trim()))
  let first = pieces[0] as Piece
  let last = first
  for (const piece of pieces.slice(1)) {
    if (piece.part.key === undefined) {
      last = piece
      continue
    }
    close(first, last)
    first = piece
    last = piece
  }
  close(first, last)
  return { parts, keyed }
}

function isAddress(text: string): boolean {
  return ADDRESS_CHARACTERS.test(text) && isIP(text) !== 0
}

function setCountry(context: MutableContext, text: string): void {
  const country = COUNTRY_CODE.test(text) ? countryFromTld(text) : undefined
  if (country !== undefined) context.country = country
  if (country !== text) context.countryRaw = text
}

/**
 * Extracts what can be recognised from a `view` value, whose serialization Smaily does not
 * document (only that it holds the OS, email client, IP address and country). The value is
 * split at `;`, `|`, `,`, tab or newline outside parentheses, in linear time.
 * - Keyed parts (`key=value` or `key: value`) are read by name: `ip`/`ip address`, `os`,
 *   `client`/`email client`/`browser`, `user agent`/`ua`, `country`/`country code`; a piece
 *   that is not `key=…` belongs to the value before it, so a value keeps its separators.
 * - With no keyed part, a part that is a valid IPv4/IPv6 address is the IP; exactly four parts
 *   with the IP third are the documented order OS, client, IP, country.
 * A country that names an ISO 3166-1 code (two letters, any case; `UK` is `GB`) goes to
 * `country`, and the text as sent to `countryRaw` when it differs; any other country text goes
 * to `countryRaw` alone. Returns undefined when nothing is recognised. Never throws.
 */
export function viewContext(value: string): DeviceContext | undefined {
  const { parts, keyed } = partsOf(value)
  const context: MutableContext = {}
  if (keyed) {
    for (const part of parts) {
      const key = aliasOf(part.key)
      if (key === undefined || part.rest === '') continue
      if (key === 'country') setCountry(context, part.rest)
      else if (key !== 'ip' || isAddress(part.rest)) context[key] = part.rest
    }
  } else {
    const texts = parts.map((part) => part.text)
    const ip = texts.find(isAddress)
    if (ip !== undefined) context.ip = ip
    const [os, browser, third, country] = texts
    if (texts.length === 4 && third === ip && os && browser && country) {
      context.os = os
      context.browser = browser
      setCountry(context, country)
    }
  }
  return Object.keys(context).length === 0 ? undefined : context
}
