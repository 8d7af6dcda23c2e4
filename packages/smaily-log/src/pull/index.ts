export {
  formatSmailyCheckpoint,
  readSmailyCheckpoint,
  type SmailyCheckpoint,
} from './smaily-checkpoint.js'
export {
  createSmailyClient,
  SMAILY_PAGE_LIMIT,
  SMAILY_REQUESTS_PER_SECOND,
  type SmailyClient,
  type SmailyClientOptions,
  type SmailyWindow,
} from './smaily-client.js'
export { type SmailyEnvConfig, smailyConfigFromEnv } from './smaily-env.js'
export { SMAILY_RETENTION_DAYS, type SmailySyncOptions, syncSmaily } from './smaily-sync.js'
export { type SmailyWindowSyncOptions, syncSmailyWindow } from './smaily-window-sync.js'
