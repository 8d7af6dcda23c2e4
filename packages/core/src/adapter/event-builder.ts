import { eventId } from '../helpers/event-id.js'
import { formatInstant } from '../helpers/instant.js'
import type { CanonicalEvent, CanonicalEventOf } from '../model/canonical-event-schema.js'
import { CANONICAL_SCHEMA_VERSION, type EventType } from '../model/taxonomy.js'
import type { EventTime } from './event-time.js'

/**
 * What an event id is derived from (`source.idBasis`):
 * - `vendor`: the vendor's own id of the record, unique per occurrence; it is kept as
 *   `source.recordId`.
 * - `content`: a canonical content key (fields in a fixed order, as text). `recordId` may
 *   still be given to keep a vendor id that is not trusted to be unique.
 */
export type EventKey =
  | { readonly basis: 'vendor'; readonly recordId: string }
  | {
      readonly basis: 'content'
      readonly parts: readonly (string | null | undefined)[]
      readonly recordId?: string
    }

type Built = 'schema' | 'id' | 'source' | 'occurredAt' | 'count' | 'raw'

/** One event as an adapter describes it; the builder adds the envelope, id and source. */
export type EventDraft<T extends EventType> = T extends EventType
  ? Omit<CanonicalEventOf<T>, Built> & {
      /** The vendor's verb, verbatim (`source.verb`). */
      readonly verb: string
      /** When it happened, as a time reader returns it. */
      readonly time: EventTime
      /** What the id is derived from. */
      readonly key: EventKey
      /** Vendor actions the event stands for (default 1). */
      readonly count?: number
      /** The vendor's channel string when `channel` is `other` (`source.channel`). */
      readonly vendorChannel?: string
    }
  : never

/** An event type with the details that type takes, typed together for {@link EventBuilder.build}. */
export type TypedDetails = {
  [T in EventType]: { readonly type: T } & Pick<EventDraft<T>, 'details'>
}[EventType]

/**
 * The type and details of an event for a draft, when the adapter holds them as data rather
 * than per type: a vocabulary entry's fixed details, or details assembled from a vocabulary of
 * dozens of verbs. `details` is left out when undefined. Nothing is checked here: core checks
 * every event an adapter returns against the canonical schema (unless `validate: false`), and
 * the conformance kit maps every vocabulary entry. Adapters that switch on the type need no
 * such step.
 */
export function typedDetails(
  type: EventType,
  details: Readonly<Record<string, unknown>> | undefined,
): TypedDetails {
  return (details === undefined ? { type } : { type, details }) as TypedDetails
}

/** Builds canonical events of one feed. */
export interface EventBuilder {
  /** The feed id. */
  readonly feed: string
  /**
   * Builds one event: schema version, deterministic id, source provenance, `occurredAt`. A
   * draft of one type gives that type's event; a draft whose type is a union (see
   * {@link typedDetails}) gives the union of their events.
   */
  build<T extends EventType>(
    draft: EventDraft<T>,
  ): T extends EventType ? CanonicalEventOf<T> : never
}

/**
 * Creates the event builder of a feed. Keys come in the order every feed writes them: the
 * envelope (`schema`, `id`, `type`, `channel`, `occurredAt`, `count`), `source` (`vendor`,
 * `feed`, `verb`, `recordId`, `idBasis`, `time`, then the vendor's `channel`), the draft's
 * other fields in the draft's order, and `extra` last. Ids are `eventId(feed, [recordId])` for the `vendor`
 * basis and `eventId(feed, parts)` for the `content` basis, so anyone can recompute them.
 */
export function createEventBuilder(feed: string, vendor: string): EventBuilder {
  return {
    feed,
    build<T extends EventType>(
      draft: EventDraft<T>,
    ): T extends EventType ? CanonicalEventOf<T> : never {
      const { verb, time, key, count, vendorChannel, type, channel, extra, ...described } = draft
      const event = {
        schema: CANONICAL_SCHEMA_VERSION,
        id: eventId(feed, key.basis === 'vendor' ? [key.recordId] : key.parts),
        type,
        channel,
        occurredAt: formatInstant(time.instant),
        count: count ?? 1,
        source: {
          vendor,
          feed,
          verb,
          ...(key.recordId === undefined ? {} : { recordId: key.recordId }),
          idBasis: key.basis,
          time: time.source,
          ...(vendorChannel === undefined ? {} : { channel: vendorChannel }),
        },
        ...described,
        ...(extra === undefined ? {} : { extra }),
      } satisfies Omit<CanonicalEvent, 'type' | 'details'> & { readonly type: EventType }
      return event as unknown as T extends EventType ? CanonicalEventOf<T> : never
    },
  }
}
