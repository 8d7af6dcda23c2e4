const SECRET_PARAMETERS = ['password', 'sslpassword']

/**
 * The URL as a sink target: the same URL without its password (in the user part or as a
 * `password`/`sslpassword` parameter), so it can appear in messages and logs.
 */
export function postgresTarget(url: string): string {
  if (!URL.canParse(url)) {
    return url
      .replace(/^([^:/?#]+:\/\/[^:/?#@]*):[^@]*@/, '$1@')
      .replace(/([?&])(?:ssl)?password=[^&#]*&?/gi, '$1')
      .replace(/[?&]$/, '')
  }
  const parsed = new URL(url)
  parsed.password = ''
  for (const name of SECRET_PARAMETERS) parsed.searchParams.delete(name)
  return parsed.toString()
}

/** Why an operation failed, from a driver or network error (PostgreSQL's SQLSTATE included). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const { code } = error as { code?: unknown }
  const text =
    error.message ||
    (error instanceof AggregateError ? error.errors.map(describeFailure).join('; ') : '')
  if (typeof code !== 'string') return text || error.name
  return text ? `${text} (${code})` : code
}
