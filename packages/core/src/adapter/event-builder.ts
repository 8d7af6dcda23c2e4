import { eventId } from '../helpers/event-id.js'
import { formatInstant } from '../helpers/instant.js'
import type { CanonicalEventOf } from '../model/canonical-event-schema.js'
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

/** `T` whose optional fields may also be given as `undefined` (the builder leaves them out). */
type OrUndefined<T> = {
  [K in keyof T]: T[K] | (Record<never, never> extends Pick<T, K> ? undefined : never)
}

/**
 * One event as an adapter describes it; the builder adds the envelope, id and source. An
 * optional field may be given as `undefined`, which leaves it out, so a draft can be one
 * object literal.
 */
export type EventDraft<T extends EventType> = T extends EventType
  ? OrUndefined<Omit<CanonicalEventOf<T>, Built>> & {
      /** The vendor's verb, verbatim (`source.verb`). */
      readonly verb: string
      /** When it happened, as a time reader returns it. */
      readonly time: EventTime
      /** What the id is derived from. */
      readonly key: EventKey
      /** Vendor actions the event stands for (default 1). */
      readonly count?: number | undefined
      /** The vendor's channel string when `channel` is `other` (`source.channel`). */
      readonly vendorChannel?: string | undefined
    }
  : never

/** A draft whose type and details are data: any type, details as a plain object. */
export type UntypedDraft = Omit<EventDraft<'unknown'>, 'type' | 'details'> & {
  readonly type: EventType
  readonly details?: Readonly<Record<string, unknown>> | undefined
}

/**
 * A draft whose type and details the adapter holds as data (a vocabulary's fixed details, or
 * details assembled for dozens of verbs), typed for {@link EventBuilder.build}; every other
 * field is checked as usual. Nothing is checked here about the type and details: core checks
 * every event an adapter returns against the canonical schema (unless `validate: false`), and
 * the conformance kit maps every vocabulary entry. Adapters that switch on the type need no
 * such step.
 */
export function typedDraft(draft: UntypedDraft): EventDraft<EventType> {
  return draft as EventDraft<EventType>
}

/** Builds canonical events of one feed. */
export interface EventBuilder {
  /** The feed id. */
  readonly feed: string
  /**
   * Builds one event: schema version, deterministic id, source provenance, `occurredAt`. A
   * draft of one type gives that type's event; a draft whose type is a union (see
   * {@link typedDraft}) gives the union of their events.
   */
  build<T extends EventType>(
    draft: EventDraft<T>,
  ): T extends EventType ? CanonicalEventOf<T> : never
}

/**
 * Creates the event builder of a feed. Keys come in the order every feed writes them: the
 * envelope (`schema`, `id`, `type`, `channel`, `occurredAt`, `count`), `source` (`vendor`,
 * `feed`, `verb`, `recordId`, `idBasis`, `time`, then the vendor's `channel`), the draft's
 * other fields in the draft's order (those given as `undefined` left out), and `extra` last.
 * Ids are `eventId(feed, [recordId])` for the `vendor` basis and `eventId(feed, parts)` for the
 * `content` basis, so anyone can recompute them.
 */
export function createEventBuilder(feed: string, vendor: string): EventBuilder {
  return {
    feed,
    build<T extends EventType>(
      draft: EventDraft<T>,
    ): T extends EventType ? CanonicalEventOf<T> : never {
      const { key, time } = draft
      const source: Record<string, unknown> =
        key.recordId === undefined
          ? { vendor, feed, verb: draft.verb, idBasis: key.basis, time: time.source }
          : {
              vendor,
              feed,
              verb: draft.verb,
              recordId: key.recordId,
              idBasis: key.basis,
              time: time.source,
            }
      if (draft.vendorChannel !== undefined) source.channel = draft.vendorChannel
      const event: Record<string, unknown> = {
        schema: CANONICAL_SCHEMA_VERSION,
        id: eventId(feed, key.basis === 'vendor' ? [key.recordId] : key.parts),
        type: draft.type,
        channel: draft.channel,
        occurredAt: formatInstant(time.instant),
        count: draft.count ?? 1,
        source,
      }
      // the draft's other fields, in its order (a draft is a plain object): a loop rather
      // than object rest and spread, which are slow on this per-event path
      const fields: Readonly<Record<string, unknown>> = draft
      for (const name in fields) {
        switch (name) {
          case 'verb':
          case 'time':
          case 'key':
          case 'count':
          case 'vendorChannel':
          case 'type':
          case 'channel':
          case 'extra':
            continue
        }
        const value = fields[name]
        if (value !== undefined) event[name] = value
      }
      if (draft.extra !== undefined) event.extra = draft.extra
      return event as unknown as T extends EventType ? CanonicalEventOf<T> : never
    },
  }
}
