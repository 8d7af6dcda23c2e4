/** Limits on what one input may expand to, so a hostile or broken input cannot run away. */
export interface InputLimits {
  /** Longest NDJSON line or JSON record text, in characters (`--max-record-size`). */
  readonly maxRecordSize: number
  /** Most bytes a `.gz` input may decompress to (`--max-decompressed-size`). */
  readonly maxDecompressedSize: number
  /** Most a `.gz` input may grow over its compressed size (`--max-compression-ratio`). */
  readonly maxCompressionRatio: number
}

/**
 * The defaults, far above real exports: a record of 64 Mi characters (vendor records are a
 * few KB), 64 GiB decompressed from one `.gz`, and a ratio of 200 (JSON exports compress 5 to
 * 30 times; a file of blank lines, 1000).
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxRecordSize: 64 * 2 ** 20,
  maxDecompressedSize: 64 * 2 ** 30,
  maxCompressionRatio: 200,
}

/** The ratio is checked only past this many decompressed bytes (small inputs cannot hurt). */
export const RATIO_CHECK_BYTES = 64 * 2 ** 20

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  K: 2 ** 10,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
}

/** Reads a size like `1048576`, `512K`, `64M` or `2G` (binary units); undefined if it is none. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+)([KMGT]?)i?B?$/i.exec(text.trim())
  if (match === null) return undefined
  const size = Number(match[1]) * (UNITS[(match[2] ?? '').toUpperCase()] ?? 1)
  return Number.isSafeInteger(size) && size > 0 ? size : undefined
}

/** A size the way {@link parseSize} reads it, in the largest unit that divides it. */
export function formatSize(size: number): string {
  for (const unit of ['T', 'G', 'M', 'K']) {
    const factor = UNITS[unit] as number
    if (size % factor === 0) return `${size / factor}${unit}`
  }
  return String(size)
}
