export {
  ALTCRAFT_CLOUD_URL,
  ALTCRAFT_PAGE_LIMIT,
  ALTCRAFT_REQUESTS_PER_SECOND,
  type AltcraftClient,
  type AltcraftClientOptions,
  type AltcraftHistoryAllRequest,
  type AltcraftPage,
  type AltcraftProfileHistoryRequest,
  createAltcraftClient,
} from './altcraft-client.js'
export { type AltcraftEnvConfig, altcraftConfigFromEnv } from './altcraft-env.js'
export {
  type AltcraftCheckpoint,
  type AltcraftSyncOptions,
  formatAltcraftCheckpoint,
  readAltcraftCheckpoint,
  syncAltcraftHistory,
} from './altcraft-history-sync.js'
export {
  ALTCRAFT_NEXT_CURSOR_FIELDS,
  type AltcraftNextCursorReader,
  readAltcraftNextCursor,
} from './altcraft-next-cursor.js'
