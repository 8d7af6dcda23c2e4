import { readFileSync } from 'node:fs'

/** The version of @evnorm/cli, from its package.json. */
export function cliVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as {
    version: string
  }
  return manifest.version
}
