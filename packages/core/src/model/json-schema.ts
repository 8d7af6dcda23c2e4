import { z } from 'zod'
import { CanonicalEventSchema } from './canonical-event-schema.js'
import { CANONICAL_SCHEMA_VERSION } from './taxonomy.js'

/** Where the published JSON Schema of the canonical event lives, relative to the package. */
export const JSON_SCHEMA_FILE = `schema/${CANONICAL_SCHEMA_VERSION}.schema.json`

/**
 * The JSON Schema (draft 2020-12) of the canonical event, generated from the zod schemas, as
 * the text committed in `schema/` (2-space indented, trailing newline).
 */
export function canonicalEventJsonSchemaText(): string {
  const schema = z.toJSONSchema(CanonicalEventSchema, { target: 'draft-2020-12' })
  const document = {
    $schema: schema.$schema,
    $id: `https://evnorm.dev/schema/${CANONICAL_SCHEMA_VERSION}.schema.json`,
    title: 'evnorm canonical event',
    ...schema,
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
