export {
  type AltcraftHistoryOptions,
  altcraftHistoryAdapter,
  createAltcraftHistoryAdapter,
} from './altcraft-history-adapter.js'
export {
  ALTCRAFT_HISTORY_DROPPED_FIELDS,
  altcraftHistoryDroppedFields,
} from './altcraft-history-dropped-fields.js'
export { ALTCRAFT_HISTORY_VOCABULARY } from './altcraft-history-vocabulary.js'
