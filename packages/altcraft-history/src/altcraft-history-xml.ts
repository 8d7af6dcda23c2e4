import { type ParseResult, UnreadableInputError } from '@evnorm/core'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { isPlainObject } from './altcraft-fields.js'
import { type DocumentLocators, readAltcraftHistoryDocument } from './altcraft-history-document.js'
import { ALTCRAFT_HISTORY_FEED } from './altcraft-history-event-id.js'
import { findXmlDeclaration } from './altcraft-history-xml-doctype.js'
import {
  dataElements,
  escapeReservedTag,
  historyRecordFromXml,
} from './altcraft-history-xml-values.js'

const XML_LOCATORS: DocumentLocators = {
  data: (index) => `/xml/data/item[${index + 1}]`,
  array: (index) => `/xml/data/item[${index + 1}]`,
  single: '/xml',
}

/** Deepest element nesting accepted (the history schema needs 7; custom fields a few more). */
const MAX_XML_DEPTH = 64

function createParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: true,
    jPath: false,
    transformTagName: escapeReservedTag,
    maxNestedTags: MAX_XML_DEPTH,
  })
}

function unreadable(reason: string, location?: string): ParseResult {
  return {
    success: false,
    error: new UnreadableInputError({
      feed: ALTCRAFT_HISTORY_FEED,
      format: 'xml',
      reason,
      ...(location === undefined ? {} : { location }),
    }),
  }
}

function parseTree(text: string): { success: true; root: unknown } | ParseResult {
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    return unreadable(valid.err.msg, `line ${valid.err.line}, column ${valid.err.col}`)
  }
  try {
    const tree: unknown = createParser().parse(text)
    if (!isPlainObject(tree) || !('xml' in tree)) {
      return unreadable('expected the root element <xml> of an Altcraft response')
    }
    return { success: true, root: tree.xml }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!/nested tags/i.test(message)) return unreadable(message)
    return unreadable(
      `the document nests elements deeper than ${MAX_XML_DEPTH} levels, the XML nesting limit (the parser cannot skip one record that deep, so the whole document is refused)`,
    )
  }
}

/**
 * Reads an Altcraft XML response (`<xml><data><item>…</item></data><error>0</error>…</xml>`)
 * into records with the JSON types restored, so the same record read from JSON or XML gives
 * the same event. Malformed or truncated documents, and any `<!DOCTYPE>` or other `<!`
 * declaration, are refused; nesting is bounded. Never throws on data.
 */
export function parseAltcraftHistoryXml(text: string): ParseResult {
  const declaration = findXmlDeclaration(text)
  if (declaration !== -1) {
    return unreadable(
      'DOCTYPE declarations (and any other <! declaration) are refused (their entities could expand without bound; Altcraft sends none)',
      `offset ${declaration}`,
    )
  }
  const tree = parseTree(text)
  if (!('root' in tree)) return tree
  const root = tree.root
  if (!isPlainObject(root) || !('data' in root || 'error' in root || 'error_text' in root)) {
    return unreadable('expected <data>, <error> or <error_text> inside <xml>')
  }
  const envelope = {
    data: dataElements(root.data).map(historyRecordFromXml),
    error: root.error,
    error_text: root.error_text,
  }
  return readAltcraftHistoryDocument(envelope, 'xml', XML_LOCATORS)
}
