import type { SmailyClientOptions } from './smaily-client.js'

/** Where a Smaily sync reads its account and credentials from. */
export type SmailyEnvConfig =
  | {
      readonly success: true
      /** The checkpoint stream: `smaily:<SMAILY_SUBDOMAIN>`. */
      readonly stream: string
      /** Base URL and credentials for {@link createSmailyClient}. */
      readonly client: Pick<SmailyClientOptions, 'baseUrl' | 'username' | 'password'>
    }
  | { readonly success: false; readonly problem: string }

/**
 * Reads `SMAILY_SUBDOMAIN`, `SMAILY_USERNAME`, `SMAILY_PASSWORD` and the optional
 * `SMAILY_BASE_URL` (default `https://<subdomain>.sendsmaily.net`). A problem names the
 * missing variables, never a value.
 */
export function smailyConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): SmailyEnvConfig {
  const names = ['SMAILY_SUBDOMAIN', 'SMAILY_USERNAME', 'SMAILY_PASSWORD'] as const
  const missing = names.filter((name) => !env[name])
  if (missing.length > 0) {
    return { success: false, problem: `set ${missing.join(', ')} in the environment` }
  }
  const subdomain = env.SMAILY_SUBDOMAIN as string
  if (!/^[a-z0-9-]+$/i.test(subdomain)) {
    return { success: false, problem: 'SMAILY_SUBDOMAIN must be the account subdomain, e.g. acme' }
  }
  return {
    success: true,
    stream: `smaily:${subdomain}`,
    client: {
      baseUrl: env.SMAILY_BASE_URL || `https://${subdomain}.sendsmaily.net`,
      username: env.SMAILY_USERNAME as string,
      password: env.SMAILY_PASSWORD as string,
    },
  }
}
