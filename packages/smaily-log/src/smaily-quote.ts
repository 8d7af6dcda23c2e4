const QUOTE_LIMIT = 80

/** A value quoted for a message: `'text'`, cut to 80 characters with `…` when longer. */
export function quote(text: string): string {
  return text.length > QUOTE_LIMIT ? `'${text.slice(0, QUOTE_LIMIT)}…'` : `'${text}'`
}
