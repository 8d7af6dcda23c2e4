import type { InputFormat, InputSignature } from '@evnorm/core'
import { firstRecordKeys } from './first-record-keys.js'
import { SOURCE_NAMES, SOURCES, type SourceName } from './sources.js'

/** How many bytes of an input `--source auto` looks at, at least (more to finish the first line). */
export const DETECTION_HEAD_BYTES = 64 * 1024

/** What {@link detectSource} decided: the feed and why, or why it could not tell. */
export type SourceDetection =
  | { readonly success: true; readonly source: SourceName; readonly reason: string }
  | {
      /** An empty JSON array: a valid "no data" answer of every JSON feed, zero records. */
      readonly success: true
      readonly source: undefined
      readonly reason: string
    }
  | { readonly success: false; readonly reason: string }

const XML_ROOT = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/

/**
 * Tells which feed an input comes from by its first bytes (see {@link DETECTION_HEAD_BYTES}),
 * asking the `signature` of each feed of {@link SOURCES} in registry order: an XML document by
 * its root element; a JSON object first by the feeds' documents (envelopes, error objects),
 * then (also when the head ends inside a long `data` array, by its first record) by their
 * record keys; a JSON array, NDJSON or a CSV header by the keys of the first record. An empty
 * JSON array is zero records of no particular feed (`source: undefined`). The text is read as
 * `format` when given, else as XML, JSON or CSV by its first character. Pure; never throws.
 */
export function detectSource(head: string, format?: InputFormat): SourceDetection {
  const text = head.replace(/^\uFEFF/, '').trimStart()
  if (text === '') return { success: false, reason: 'the input is empty' }
  const first = text.charAt(0)
  const as = format ?? (first === '<' ? 'xml' : first === '{' || first === '[' ? 'json' : 'csv')
  if (as === 'xml') return detectXml(text)
  if (as === 'csv') return detectCsv(text)
  return detectJson(text, as === 'json')
}

function detectXml(text: string): SourceDetection {
  const root = XML_ROOT.exec(text)?.[1]
  if (root === undefined) {
    return {
      success: false,
      reason: `the text does not start like XML (${JSON.stringify(text.slice(0, 20))})`,
    }
  }
  const source = SOURCE_NAMES.find((name) => signatureOf(name)?.xmlRoots?.includes(root))
  if (source !== undefined) {
    return { success: true, source, reason: `an XML document with an <${root}> root` }
  }
  const known = SOURCE_NAMES.flatMap((name) =>
    (signatureOf(name)?.xmlRoots ?? []).map((known) => `<${known}> of ${name}`),
  )
  return {
    success: false,
    reason: `an XML document with root <${root}>, not ${known.length === 0 ? 'a root of any feed' : `the root ${known.join(' or ')}`}`,
  }
}

function detectJson(text: string, document: boolean): SourceDetection {
  const shape = firstRecordKeys(text)
  if (shape.kind === 'object') {
    const byDocument = detectDocument(new Set(shape.keys))
    if (byDocument !== undefined) return byDocument
    if (shape.dataKeys !== undefined) {
      return byRecordKeys(shape.dataKeys, 'the first record of the "data" array')
    }
    return byRecordKeys(shape.keys, 'the first record')
  }
  if (shape.kind === 'array' && shape.first === 'object') {
    return byRecordKeys(shape.keys, 'the first array element')
  }
  if (shape.kind === 'array' && shape.first === 'empty' && document) {
    return { success: true, source: undefined, reason: 'an empty JSON array: no records' }
  }
  if (shape.kind === 'array') {
    return {
      success: false,
      reason:
        shape.first === 'empty'
          ? 'an empty JSON array names no feed'
          : 'the first array element is not an object',
    }
  }
  return {
    success: false,
    reason: `the text does not start like JSON (${JSON.stringify(text.slice(0, 20))})`,
  }
}

function detectCsv(text: string): SourceDetection {
  const line = text.slice(0, text.search(/\r?\n|$/))
  const split = [',', ';', '\t']
    .map((delimiter) => line.split(delimiter))
    .reduce((best, fields) => (fields.length > best.length ? fields : best))
  const keys = split.map((field) => field.trim().replace(/^"(.*)"$/, '$1'))
  return byRecordKeys(keys, 'the CSV header')
}

function signatureOf(name: SourceName): InputSignature | undefined {
  return SOURCES[name].adapter.signature
}

function detectDocument(keys: ReadonlySet<string>): SourceDetection | undefined {
  for (const source of SOURCE_NAMES) {
    const document = signatureOf(source)?.documents?.find(
      (candidate) =>
        candidate.keys.every((key) => keys.has(key)) &&
        (candidate.anyOf === undefined || candidate.anyOf.some((key) => keys.has(key))) &&
        !candidate.without?.some((key) => keys.has(key)),
    )
    if (document !== undefined) return { success: true, source, reason: document.name }
  }
  return undefined
}

function byRecordKeys(keys: readonly string[], where: string): SourceDetection {
  const has = new Set(keys)
  for (const source of SOURCE_NAMES) {
    const set = signatureOf(source)?.recordKeys.find((set) => set.every((key) => has.has(key)))
    if (set !== undefined) return { success: true, source, reason: `${where} has ${listed(set)}` }
  }
  return {
    success: false,
    reason: `${where} has none of the known key pairs (it has ${describeKeys(keys)})`,
  }
}

function listed(keys: readonly string[]): string {
  const quoted = keys.map((key) => JSON.stringify(key))
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
}

function describeKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'no keys'
  const shown = keys.slice(0, 6).map((key) => JSON.stringify(key.slice(0, 40)))
  return `${shown.join(', ')}${keys.length > 6 ? ', …' : ''}`
}
