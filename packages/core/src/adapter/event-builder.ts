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

/** Builds canonical events of one feed. */
export interface EventBuilder {
  /** The feed id. */
  readonly feed: string
  /** Builds one event: schema version, deterministic id, source provenance, `occurredAt`. */
  build<T extends EventType>(draft: EventDraft<T>): CanonicalEventOf<T>
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
    build<T extends EventType>(draft: EventDraft<T>): CanonicalEventOf<T> {
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
      return event as unknown as CanonicalEventOf<T>
    },
  }
}
