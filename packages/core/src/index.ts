export * from './model/adapter.js'
export type { CanonicalEvent, CanonicalEventOf } from './model/canonical-event-schema.js'
export { CanonicalEventSchema } from './model/canonical-event-schema.js'
export * from './model/errors.js'
export {
  canonicalEventJsonSchema,
  canonicalEventJsonSchemaText,
  JSON_SCHEMA_FILE,
  type JsonSchemaNode,
  PERSONAL_DATA_KEYWORD,
} from './model/json-schema.js'
export * from './model/outcome.js'
export * from './model/personal-data.js'
export * from './model/taxonomy.js'
export { findEventProblem } from './model/validate-event.js'
export { batchFromOutcomes } from './normalize/batch-from-outcomes.js'
export * from './normalize/normalize.js'
export * from './normalize/normalize-run.js'
export * from './normalize/normalize-stream.js'
export * from './normalize/normalize-transform.js'
export { EVIDENCE_SPAN_LIMIT, type RecordOptions } from './normalize/record-runner.js'
export * from './privacy/index.js'
