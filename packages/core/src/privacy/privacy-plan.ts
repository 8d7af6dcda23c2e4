import {
  canonicalEventJsonSchema,
  type JsonSchemaNode,
  objectDefinition,
} from '../model/json-schema.js'
import {
  type PersonalDataClass,
  personalDataClassOf,
  VENDOR_HASHED_FIELDS,
} from '../model/personal-data.js'

/** One personal field of an event type: where it sits and what it holds. */
export interface PersonalField {
  /** Property names from the event down; `[]` stands for every element of an array. */
  readonly path: readonly string[]
  /** Its class. */
  readonly personal: PersonalDataClass
  /** `text`: a string; `number`: a number (no hash fits); `value`: any JSON, hashed leaf by leaf. */
  readonly holds: 'text' | 'number' | 'value'
  /** The vendor already hashed it (see `VENDOR_HASHED_FIELDS`). */
  readonly vendorHashed: boolean
}

let plan: ReadonlyMap<string, readonly PersonalField[]> | undefined

/** The personal fields of each event type, read from the annotated JSON Schema once. */
export function personalFields(type: string): readonly PersonalField[] {
  plan ??= readPlan(canonicalEventJsonSchema())
  return plan.get(type) ?? []
}

function readPlan(schema: JsonSchemaNode): ReadonlyMap<string, readonly PersonalField[]> {
  const defs = schema.$defs ?? {}
  const byType = new Map<string, readonly PersonalField[]>()
  for (const variant of schema.oneOf ?? []) {
    const definition = defs[variant.$ref?.slice('#/$defs/'.length) ?? '']
    const type = definition?.properties?.type?.const
    if (definition === undefined || typeof type !== 'string') continue
    const fields: PersonalField[] = []
    collect(defs, definition, 'Event', [], fields)
    byType.set(type, fields)
  }
  return byType
}

function collect(
  defs: Readonly<Record<string, JsonSchemaNode>>,
  definition: JsonSchemaNode,
  owner: string,
  path: readonly string[],
  fields: PersonalField[],
): void {
  for (const [name, property] of Object.entries(definition.properties ?? {})) {
    const nested = objectDefinition(defs, property)
    const nestedDefinition = nested === undefined ? undefined : defs[nested]
    if (nested !== undefined && nestedDefinition !== undefined) {
      const at = property.items === undefined ? [...path, name] : [...path, name, '[]']
      collect(defs, nestedDefinition, nested, at, fields)
      continue
    }
    const personal = personalDataClassOf(owner, name)
    if (personal === undefined || personal === false) continue
    fields.push({
      path: [...path, name],
      personal,
      holds: holds(property),
      vendorHashed: VENDOR_HASHED_FIELDS.has(`${owner}.${name}`),
    })
  }
}

function holds(property: JsonSchemaNode): PersonalField['holds'] {
  if (property.type === 'string') return 'text'
  if (property.type === 'number' || property.type === 'integer') return 'number'
  return 'value'
}
