export * from './batch-lines.js'
export { type BatchTally, type EncodedBatch, encodeBatch } from './encoded-batch.js'
export * from './normalize-parallel.js'
export type { AdapterReference } from './parallel-protocol.js'
