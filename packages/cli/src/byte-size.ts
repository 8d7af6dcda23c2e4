const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
}

/** Reads a size like `16mb`, `512kb` or `1048576` (units of 1,024); undefined when it is not one. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?b?)$/i.exec(text.trim())
  const unit = UNITS[(match?.[2] ?? '').toLowerCase().replace(/^([kmg])$/, '$1b')]
  if (match === null || unit === undefined) return undefined
  const bytes = Math.floor(Number(match[1]) * unit)
  return bytes > 0 ? bytes : undefined
}
