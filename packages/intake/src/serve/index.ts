export { bearerMatches } from './bearer-token.js'
export { type HookServer, type HookServerOptions, startHookServer } from './hook-server.js'
export { IntakeMetrics } from './intake-metrics.js'
export { DEAD_LETTER_DIRECTORY, Spool, type SpoolBacklog } from './spool.js'
