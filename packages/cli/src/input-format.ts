import { INPUT_FORMATS, type InputFormat } from '@evnorm/core'

const EXTENSION_FORMATS: ReadonlyMap<string, InputFormat> = new Map([
  ['json', 'json'],
  ['ndjson', 'ndjson'],
  ['jsonl', 'ndjson'],
  ['xml', 'xml'],
  ['csv', 'csv'],
])

/** True when `name` is one of core's input formats. */
export function isInputFormat(name: string): name is InputFormat {
  return (INPUT_FORMATS as readonly string[]).includes(name)
}

/** True when a file name ends in `.gz` (any case). */
export function isGzipName(name: string): boolean {
  return /\.gz$/i.test(name)
}

/**
 * The format a file name announces: `.json`, `.ndjson` / `.jsonl`, `.xml`, `.csv`, any case,
 * after dropping a `.gz` suffix; undefined for any other name.
 */
export function formatFromName(name: string): InputFormat | undefined {
  const base = name.replace(/\.gz$/i, '')
  const extension = /\.([A-Za-z]+)$/.exec(base)?.[1]?.toLowerCase()
  return extension === undefined ? undefined : EXTENSION_FORMATS.get(extension)
}

/** True when a directory entry looks like an input file (a known extension, maybe `.gz`). */
export function isInputFileName(name: string): boolean {
  return formatFromName(name) !== undefined
}
