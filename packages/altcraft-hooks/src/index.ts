export {
  type AltcraftHooksAdapterOptions,
  altcraftHooksAdapter,
  createAltcraftHooksAdapter,
} from './altcraft-hooks-adapter.js'
export { ALTCRAFT_HOOKS_DROPPED_FIELDS } from './altcraft-hooks-dropped-fields.js'
export { ALTCRAFT_HOOKS_VOCABULARY } from './altcraft-hooks-vocabulary.js'
