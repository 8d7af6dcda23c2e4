export { HASH_PREFIX, hashInput, isKeyedHash, keyedHash } from './keyed-hash.js'
export * from './privacy.js'
