import { z } from 'zod'
import {
  CanonicalEventSchema,
  DETAILS_SCHEMAS,
  EventEnvelopeShape,
} from './canonical-event-schema.js'
import { compileValidator } from './compile-validator.js'
import { EVENT_TYPES, type EventType } from './taxonomy.js'

const validators = new Map<unknown, (value: unknown) => boolean>()

/** The compiled yes/no validator of one event type (exported for tests). */
export function validatorFor(type: EventType): (value: unknown) => boolean {
  let validator = validators.get(type)
  if (validator === undefined) {
    const details = DETAILS_SCHEMAS[type]
    validator = compileValidator(
      z.strictObject({
        ...EventEnvelopeShape,
        type: z.literal(type),
        ...(details === null ? {} : { details }),
      }),
    )
    validators.set(type, validator)
  }
  return validator
}

const knownTypes = new Set<unknown>(EVENT_TYPES)

/**
 * The first problem that makes `value` not a canonical event, or undefined when it is one.
 * Valid events take a compiled fast path; the zod schema explains the failures.
 */
export function findEventProblem(value: unknown): string | undefined {
  const type = (value as { type?: unknown } | null)?.type
  if (knownTypes.has(type) && validatorFor(type as EventType)(value)) return undefined
  const result = CanonicalEventSchema.safeParse(value)
  if (result.success) return undefined
  const issue = result.error.issues[0]
  return issue ? `${issue.path.join('.') || '(event)'}: ${issue.message}` : 'not a canonical event'
}
