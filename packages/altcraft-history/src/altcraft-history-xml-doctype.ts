const SLASH = 0x2f
const QUESTION = 0x3f
const BANG = 0x21
const BRACKET = 0x5b
const GREATER = 0x3e
const DOUBLE_QUOTE = 0x22
const SINGLE_QUOTE = 0x27

/** Index of the last character of `close` at or after `from`, or -1. */
function plainEnd(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from)
  return at === -1 ? -1 : at + close.length - 1
}

/**
 * Index of the `>` ending a tag (`pi`: a `?>` ending a processing instruction) that starts
 * before `from`, skipping quoted text as fast-xml-parser does, or -1.
 */
function quotedEnd(text: string, from: number, pi: boolean): number {
  for (let at = from; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      at = text.indexOf(code === DOUBLE_QUOTE ? '"' : "'", at + 1)
      if (at === -1) return -1
    } else if (code === GREATER && (!pi || text.charCodeAt(at - 1) === QUESTION)) {
      return at
    }
  }
  return -1
}

/**
 * Offset of the first markup declaration other than a comment or CDATA section (`<!DOCTYPE`
 * in any case, `<!ENTITY`…) anywhere in the document, or -1. The text is split into markup
 * the way fast-xml-parser splits it (tags and processing instructions end at the first `>` or
 * `?>` outside quotes, comments at `-->`, CDATA at `]]>`), so every DOCTYPE the parser would
 * read is found, and one inside a comment, CDATA, a processing instruction or an attribute
 * value is not. An unterminated construct ends the scan: the validator refuses it.
 */
export function findXmlDeclaration(text: string): number {
  let at = text.indexOf('<')
  while (at !== -1) {
    const next = text.charCodeAt(at + 1)
    let end: number
    if (next === SLASH) end = plainEnd(text, at, '>')
    else if (next === QUESTION) end = quotedEnd(text, at + 1, true)
    else if (next !== BANG) end = quotedEnd(text, at + 1, false)
    else if (text.startsWith('--', at + 2)) end = plainEnd(text, at + 4, '-->')
    else if (text.charCodeAt(at + 2) === BRACKET) end = plainEnd(text, at, ']]>')
    else return at
    if (end === -1) return -1
    at = text.indexOf('<', end + 1)
  }
  return -1
}
