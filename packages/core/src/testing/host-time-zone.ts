/**
 * Fails loudly unless the host time zone is `zone`. Setting `process.env.TZ` changes it only
 * in the main thread: a worker thread (vitest's `threads` pool) keeps its zone, and a time
 * zone check run there would pass without testing anything.
 */
export function assertHostTimeZone(zone: string): void {
  const host = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (host !== new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone) {
    throw new Error(
      `the host time zone is ${host}, not ${zone}, after setting process.env.TZ: worker threads ignore it; run the conformance kit in a process of its own (vitest's default forks pool)`,
    )
  }
}

/** Runs `run` with the host time zone set to `zone`, checked to have taken effect. */
export function withTimeZone<T>(zone: string, run: () => T): T {
  const previous = process.env.TZ
  process.env.TZ = zone
  try {
    assertHostTimeZone(zone)
    return run()
  } finally {
    if (previous === undefined) delete process.env.TZ
    else process.env.TZ = previous
  }
}
