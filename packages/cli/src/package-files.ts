import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** The version of @evnorm/cli, from its package.json. */
export function cliVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as {
    version: string
  }
  return manifest.version
}

/**
 * The canonical event's JSON Schema as published by @evnorm/core (`@evnorm/core/schema.json`,
 * generated from the zod schemas; core's tests fail when it is stale).
 */
export function canonicalSchemaText(): string {
  const path = createRequire(import.meta.url).resolve('@evnorm/core/schema.json')
  return readFileSync(path, 'utf8')
}
