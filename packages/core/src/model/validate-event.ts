import { z } from 'zod'
import {
  CanonicalEventSchema,
  DETAILS_SCHEMAS,
  EventEnvelopeShape,
} from './canonical-event-schema.js'
import { EVENT_TYPES, type EventType } from './taxonomy.js'

const compiledVariants = new Map<unknown, z.ZodType>()

function compiledVariant(type: EventType): z.ZodType {
  let schema = compiledVariants.get(type)
  if (schema === undefined) {
    const details = DETAILS_SCHEMAS[type]
    schema = z.compile(
      z.strictObject({
        ...EventEnvelopeShape,
        type: z.literal(type),
        ...(details === null ? {} : { details }),
      }),
    )
    compiledVariants.set(type, schema)
  }
  return schema
}

const knownTypes = new Set<unknown>(EVENT_TYPES)

/** The first problem that makes `value` not a canonical event, or undefined when it is one. */
export function findEventProblem(value: unknown): string | undefined {
  const type = (value as { type?: unknown } | null)?.type
  if (knownTypes.has(type) && z.validate(compiledVariant(type as EventType), value))
    return undefined
  const result = CanonicalEventSchema.safeParse(value)
  if (result.success) return undefined
  const issue = result.error.issues[0]
  return issue ? `${issue.path.join('.') || '(event)'}: ${issue.message}` : 'not a canonical event'
}
