const ISO_3166_ALPHA_2_TEXT = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
`

/**
 * The 249 officially assigned ISO 3166-1 alpha-2 country codes, sorted (as listed in the IANA
 * time zone database's `iso3166.tab`, current as of ISO/TC 46 N1108, 2023-04-05).
 */
export const ISO_3166_ALPHA_2_CODES: readonly string[] = Object.freeze(
  ISO_3166_ALPHA_2_TEXT.trim().split(/\s+/),
)

const ASSIGNED = new Set(ISO_3166_ALPHA_2_CODES)
const CC_TLD_EXCEPTIONS = new Map([
  ['UK', 'GB'],
  ['AC', 'SH'],
  ['TP', 'TL'],
])
const TLD_TEXT = /^\.?([A-Za-z]{2})$/

/**
 * The country of each country TLD as vendors write it, a dot and two lower-case letters
 * (`.ru`, `.uk`): looked up before the text is parsed, as one comes with every tracked event.
 */
const COUNTRY_OF_TLD = new Map<string, string>(
  [...ASSIGNED, ...CC_TLD_EXCEPTIONS.keys()].map((code) => [
    `.${code.toLowerCase()}`,
    CC_TLD_EXCEPTIONS.get(code) ?? code,
  ]),
)

/**
 * ISO 3166-1 alpha-2 code for a country-code TLD or a code, in any case, with or without the
 * leading dot, surrounding whitespace ignored (`.uk`, `uk`, `.UK`, `GB` → `GB`; `.ru` → `RU`).
 * A TLD equal to an assigned code maps to that code, including TLDs that are unused or retired
 * in DNS but still name an assigned code (`.gb`, `.bl`, `.mf`, `.bq`, `.eh`, `.um`, `.bv`, `.sj`).
 *
 * ccTLD exceptions:
 * - `.uk` → `GB`: the United Kingdom's ccTLD; `UK` is only exceptionally reserved in ISO 3166-1.
 * - `.ac` → `SH`: Ascension Island, part of Saint Helena, Ascension and Tristan da Cunha.
 * - `.tp` → `TL`: East Timor's former ccTLD (ISO code `TP` until 2002), now Timor-Leste.
 * - `.su` → `undefined`: the Soviet Union's legacy TLD, still in use but no single country.
 * - `.eu` → `undefined`: the European Union, not a country.
 * - `.yu` → `undefined`: Yugoslavia, deleted; its successors have their own codes.
 * - `.an` → `undefined`: the Netherlands Antilles, dissolved in 2010 into `CW`, `SX` and `BQ`.
 *
 * @param text - The vendor's country value, e.g. Altcraft's `.uk`.
 * @returns The country code, or `undefined` for generic and non-country TLDs (`.com`, `.org`),
 * unassigned codes, an empty string or any other text.
 */
export function countryFromTld(text: string): string | undefined {
  const known = COUNTRY_OF_TLD.get(text)
  if (known !== undefined) return known
  const match = TLD_TEXT.exec(text.trim())
  const code = match?.[1]?.toUpperCase()
  if (code === undefined) return undefined
  return CC_TLD_EXCEPTIONS.get(code) ?? (ASSIGNED.has(code) ? code : undefined)
}
