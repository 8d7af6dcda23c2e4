import { describe, expect, it } from 'vitest'
import { canonicalEventJsonSchema, objectDefinition, PERSONAL_DATA_KEYWORD } from './json-schema.js'
import { PERSONAL_DATA_FIELDS } from './personal-data.js'

describe('personal-data classification', () => {
  const schema = canonicalEventJsonSchema()
  const defs = schema.$defs ?? {}
  const variants = new Set((schema.oneOf ?? []).map((variant) => variant.$ref?.split('/').pop()))
  const leaves = Object.entries(defs).flatMap(([name, definition]) =>
    Object.entries(definition.properties ?? {})
      .filter(([, property]) => objectDefinition(defs, property) === undefined)
      .map(([field, property]) => ({
        at: `${variants.has(name) ? 'Event' : name}.${field}`,
        property,
      })),
  )

  it('classifies every field of the JSON Schema (a new field needs an entry in PERSONAL_DATA_FIELDS)', () => {
    for (const { at, property } of leaves) {
      expect(property, `${at} has no personal-data class`).toHaveProperty([PERSONAL_DATA_KEYWORD])
    }
  })

  it('classifies no field the model does not have', () => {
    const present = new Set(leaves.map(({ at }) => at))
    const listed = Object.entries(PERSONAL_DATA_FIELDS).flatMap(([object, fields]) =>
      Object.keys(fields).map((field) => `${object}.${field}`),
    )
    expect(listed.filter((at) => !present.has(at))).toEqual([])
  })
})
