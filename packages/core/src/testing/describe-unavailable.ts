import { describe, it } from 'vitest'

/**
 * Registers the suite `name` for a service the tests cannot reach: under `CI=true` it fails
 * with `message` (CI starts every service, so a missing one is a failure), elsewhere it is
 * skipped, with `message` on stderr saying how to start the service.
 */
export function describeUnavailable(name: string, service: string, message: string): void {
  describe(name, () => {
    if (process.env.CI === 'true') {
      it(`has ${service}`, () => {
        throw new Error(message)
      })
    } else {
      console.warn(`skipping "${name}": ${message}`)
      it.skip(message, () => undefined)
    }
  })
}
