export {
  type AltcraftHooksAdapterOptions,
  altcraftHooksAdapter,
  createAltcraftHooksAdapter,
} from './altcraft-hooks-adapter.js'
export { ALTCRAFT_HOOKS_VOCABULARY } from './altcraft-hooks-vocabulary.js'
