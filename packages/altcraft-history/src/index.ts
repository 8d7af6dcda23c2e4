export {
  type AltcraftHistoryOptions,
  altcraftHistoryAdapter,
  createAltcraftHistoryAdapter,
} from './altcraft-history-adapter.js'
export { ALTCRAFT_HISTORY_VOCABULARY } from './altcraft-history-vocabulary.js'
