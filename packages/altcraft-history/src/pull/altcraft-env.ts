import { ALTCRAFT_CLOUD_URL, type AltcraftClientOptions } from './altcraft-client.js'

/** Where an Altcraft history sync reads its account and credentials from. */
export type AltcraftEnvConfig =
  | {
      readonly success: true
      /** The checkpoint stream: `altcraft-history:list-<ALTCRAFT_LIST_ID>`. */
      readonly stream: string
      /** The database. */
      readonly listId: number
      /** Base URL and token for {@link createAltcraftClient}. */
      readonly client: Pick<AltcraftClientOptions, 'baseUrl' | 'token'>
    }
  | { readonly success: false; readonly problem: string }

/**
 * Reads `ALTCRAFT_TOKEN`, `ALTCRAFT_LIST_ID` and the optional `ALTCRAFT_BASE_URL` (default
 * Altcraft's cloud host). A problem names the variables, never a value.
 */
export function altcraftConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): AltcraftEnvConfig {
  const missing = (['ALTCRAFT_TOKEN', 'ALTCRAFT_LIST_ID'] as const).filter((name) => !env[name])
  if (missing.length > 0) {
    return { success: false, problem: `set ${missing.join(', ')} in the environment` }
  }
  const listId = Number(env.ALTCRAFT_LIST_ID)
  if (!Number.isSafeInteger(listId) || listId <= 0) {
    return {
      success: false,
      problem: 'ALTCRAFT_LIST_ID must be the database id, a positive integer',
    }
  }
  return {
    success: true,
    stream: `altcraft-history:list-${listId}`,
    listId,
    client: {
      baseUrl: env.ALTCRAFT_BASE_URL || ALTCRAFT_CLOUD_URL,
      token: env.ALTCRAFT_TOKEN as string,
    },
  }
}
