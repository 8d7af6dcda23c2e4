import type { InputFormat } from '@evnorm/core'
import { firstRecordKeys } from './first-record-keys.js'
import type { SourceName } from './sources.js'

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
 * Tells which feed an input comes from by its first bytes (see {@link DETECTION_HEAD_BYTES}):
 * Altcraft history by an `<xml>` root, a `{"data", "error"}` envelope (or, when the head
 * ends inside a long `data` array, its first record), records or a CSV header with `action`
 * and `datetime`; Altcraft hooks by messages with `event_type` (or the
 * `event` spelling of the vendor's batch page) and `event_date`; Smaily by rows with `action`
 * and `time`, or a `{"code", "message"}` error object; an `{"error", "error_text"}` object
 * is Altcraft's error envelope. An empty JSON array is zero records of no particular feed
 * (`source: undefined`). The text is read as `format` when given, else as XML, JSON or CSV by
 * its first character. Pure; never throws.
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
  if (root === 'xml') {
    return {
      success: true,
      source: 'altcraft-history',
      reason: 'an XML document with an <xml> root',
    }
  }
  return {
    success: false,
    reason: `an XML document with root <${root}>, not the <xml> root of Altcraft history`,
  }
}

function detectJson(text: string, document: boolean): SourceDetection {
  const shape = firstRecordKeys(text)
  if (shape.kind === 'object') {
    const keys = new Set(shape.keys)
    if (keys.has('data') && (keys.has('error') || keys.has('error_text'))) {
      return {
        success: true,
        source: 'altcraft-history',
        reason: 'a {"data", "error"} response envelope',
      }
    }
    if (keys.has('error') && keys.has('error_text') && !keys.has('action')) {
      return {
        success: true,
        source: 'altcraft-history',
        reason: 'an {"error", "error_text"} response envelope',
      }
    }
    if (keys.has('code') && keys.has('message') && !keys.has('action')) {
      return { success: true, source: 'smaily-log', reason: 'a {"code", "message"} error object' }
    }
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

function byRecordKeys(keys: readonly string[], where: string): SourceDetection {
  const has = new Set(keys)
  if (has.has('event_date') && (has.has('event_type') || has.has('event'))) {
    const verbKey = has.has('event_type') ? 'event_type' : 'event'
    return {
      success: true,
      source: 'altcraft-hooks',
      reason: `${where} has "${verbKey}" and "event_date"`,
    }
  }
  if (has.has('action') && has.has('datetime')) {
    return {
      success: true,
      source: 'altcraft-history',
      reason: `${where} has "action" and "datetime"`,
    }
  }
  if (has.has('action') && has.has('time')) {
    return { success: true, source: 'smaily-log', reason: `${where} has "action" and "time"` }
  }
  return {
    success: false,
    reason: `${where} has none of the known key pairs (it has ${describeKeys(keys)})`,
  }
}

function describeKeys(keys: readonly string[]): string {
  if (keys.length === 0) return 'no keys'
  const shown = keys.slice(0, 6).map((key) => JSON.stringify(key.slice(0, 40)))
  return `${shown.join(', ')}${keys.length > 6 ? ', …' : ''}`
}
