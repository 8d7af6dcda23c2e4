import { writeFileSync } from 'node:fs'
import { canonicalEventJsonSchemaText, JSON_SCHEMA_FILE } from '../src/model/json-schema.js'

writeFileSync(new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url), canonicalEventJsonSchemaText())
console.log(`wrote ${JSON_SCHEMA_FILE}`)
