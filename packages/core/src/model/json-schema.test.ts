import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { createExampleAdapter } from '../__fixtures__/example-adapter.js'
import { normalizeRecords } from '../normalize/normalize.js'
import { canonicalEventJsonSchemaText, JSON_SCHEMA_FILE } from './json-schema.js'
import { EVENT_TYPES } from './taxonomy.js'

const committed = readFileSync(new URL(`../../${JSON_SCHEMA_FILE}`, import.meta.url), 'utf8')

describe('published JSON Schema', () => {
  it('is the committed file, regenerated from the zod schemas (pnpm --filter @evnorm/core generate:schema)', () => {
    expect(committed).toBe(canonicalEventJsonSchemaText())
  })

  it('has one variant per canonical type', () => {
    const schema = JSON.parse(committed) as { oneOf: unknown[] }
    expect(schema.oneOf).toHaveLength(EVENT_TYPES.length)
  })

  it('accepts the events core emits and refuses a broken one', () => {
    const validate = new Ajv2020({
      strict: false,
      allErrors: true,
      formats: { uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i },
    }).compile(JSON.parse(committed))
    const { events } = normalizeRecords(createExampleAdapter(), [
      { id: '1', verb: 'bounced', at: '2025-01-01T00:00:00Z', email: 'a@b.example' },
      { verb: 'clicked', at: '2025-01-01T00:00:00.123456789Z', url: 'https://x.example' },
      { verb: 'never-heard-of-it', at: '2025-01-01T00:00:00Z' },
    ])
    expect(events).toHaveLength(3)
    for (const event of events) expect(validate(event), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...events[0], details: { class: 'permanent' } })).toBe(false)
    expect(validate({ ...events[0], occurredAt: '2025-01-01T00:00:00Z' })).toBe(false)
    expect(validate({ ...events[0], id: 'not-a-uuid' })).toBe(false)
  })
})
