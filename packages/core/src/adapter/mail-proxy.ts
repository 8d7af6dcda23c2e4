/**
 * User-agent marks of mail proxies that fetch images or follow links on the recipient's
 * behalf: Gmail's image proxy (`… (via ggpht.com GoogleImageProxy)`) and Yahoo Mail's
 * (`YahooMailProxy`). Apple Mail Privacy Protection has no user agent of its own, so its opens
 * stay unknown.
 */
export const MAIL_PROXY_USER_AGENT_MARKS: readonly string[] = Object.freeze([
  'GoogleImageProxy',
  'YahooMailProxy',
])

/**
 * True when a user agent names a known mail proxy ({@link MAIL_PROXY_USER_AGENT_MARKS}, case
 * sensitive): the open or click was a machine's, so adapters set `details.machine: true`.
 * False says only that no known proxy is named (leave `machine` absent: unknown).
 */
export function isMailProxyUserAgent(userAgent: string | undefined): boolean {
  if (userAgent === undefined) return false
  for (const mark of MAIL_PROXY_USER_AGENT_MARKS) if (userAgent.includes(mark)) return true
  return false
}
