import { z } from 'zod'
import { CanonicalEventSchema } from './canonical-event-schema.js'
import { personalDataClassOf } from './personal-data.js'
import { CANONICAL_SCHEMA_VERSION } from './taxonomy.js'

/** Where the published JSON Schema of the canonical event lives, relative to the package. */
export const JSON_SCHEMA_FILE = `schema/${CANONICAL_SCHEMA_VERSION}.schema.json`

/** A JSON Schema node, as far as evnorm reads it. */
export interface JsonSchemaNode {
  readonly $ref?: string
  readonly type?: string | readonly string[]
  readonly const?: unknown
  readonly items?: JsonSchemaNode
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>
  readonly oneOf?: readonly JsonSchemaNode[]
  readonly $defs?: Readonly<Record<string, JsonSchemaNode>>
  readonly 'x-evnorm-personal'?: string | false
}

/** The keyword that carries a field's personal-data class (or `false`) in the JSON Schema. */
export const PERSONAL_DATA_KEYWORD = 'x-evnorm-personal'

/**
 * The JSON Schema (draft 2020-12) of the canonical event, generated from the zod schemas, with
 * each field's personal-data class (see `PERSONAL_DATA_FIELDS`) as `x-evnorm-personal`.
 */
export function canonicalEventJsonSchema(): JsonSchemaNode {
  const schema = z.toJSONSchema(CanonicalEventSchema, { target: 'draft-2020-12' })
  const document = {
    $schema: schema.$schema,
    $id: `https://evnorm.dev/schema/${CANONICAL_SCHEMA_VERSION}.schema.json`,
    title: 'evnorm canonical event',
    ...schema,
  } as JsonSchemaNode
  const defs = document.$defs ?? {}
  const variants = new Set((document.oneOf ?? []).map((variant) => refName(variant.$ref)))
  for (const [name, definition] of Object.entries(defs)) {
    const owner = variants.has(name) ? 'Event' : name
    for (const [field, property] of Object.entries(definition.properties ?? {})) {
      if (objectDefinition(defs, property) !== undefined) continue
      const personal = personalDataClassOf(owner, field)
      if (personal !== undefined) {
        ;(property as Record<string, unknown>)[PERSONAL_DATA_KEYWORD] = personal
      }
    }
  }
  return document
}

/**
 * The JSON Schema of {@link canonicalEventJsonSchema} as the text committed in `schema/`
 * (2-space indented, trailing newline).
 */
export function canonicalEventJsonSchemaText(): string {
  return `${JSON.stringify(canonicalEventJsonSchema(), null, 2)}\n`
}

/**
 * The name of the object definition a property holds (directly, or as the items of an
 * array), or undefined for a leaf field.
 */
export function objectDefinition(
  defs: Readonly<Record<string, JsonSchemaNode>>,
  property: JsonSchemaNode,
): string | undefined {
  const name = refName(property.$ref ?? property.items?.$ref)
  return name !== undefined && defs[name]?.properties !== undefined ? name : undefined
}

function refName(ref: string | undefined): string | undefined {
  return ref?.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined
}
