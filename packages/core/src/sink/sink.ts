import type { Rejection } from '../model/outcome.js'
import type { UnitEvents } from './unit-events.js'

/** A stream's position: where the next pull or intake resumes. */
export interface Checkpoint {
  /** Stream name, e.g. `smaily:acme` or `altcraft-history:list-7`. */
  readonly stream: string
  /** The cursor after the unit, as text (opaque to the sink). */
  readonly cursor: string
}

/**
 * One unit of work: a page, a request body, a broker message or a bounded group of records.
 * A sink stores it all or nothing.
 */
export interface SinkUnit {
  /**
   * Events to store, idempotently by `id`: objects, or already written as NDJSON with their ids
   * (`evnorm load --workers`); see {@link uniqueEventTexts}.
   */
  readonly events: UnitEvents
  /** Rejections to store, idempotently by their key (see {@link rejectionRow}). */
  readonly rejections: readonly Rejection[]
  /**
   * Where the unit's records came from (a file name, or a stream and page), stored with each
   * rejection and part of its key.
   */
  readonly origin: string
  /** The stream position to store in the same transaction. */
  readonly checkpoint?: Checkpoint
}

/** What one committed unit changed. */
export interface SinkWriteResult {
  /** Events that were new. */
  readonly inserted: number
  /** Events whose id was already stored: left alone, or replaced under `onConflict: 'update'`. */
  readonly present: number
  /** Rejections that were new. */
  readonly rejectionsStored: number
}

/**
 * A destination for normalized events. `write` commits a unit's events, rejections and
 * checkpoint in one transaction: after it resolves everything is durable; after it rejects
 * (with a {@link SinkError}) nothing of the unit is. Writes are idempotent, so a unit written
 * again after a crash changes nothing twice.
 */
export interface Sink {
  /** The target in messages, with any password removed. */
  readonly target: string
  /** Stores one unit atomically. */
  write(unit: SinkUnit): Promise<SinkWriteResult>
  /** The stored cursor of a stream, or undefined when it has none. */
  readCheckpoint(stream: string): Promise<string | undefined>
  /** Releases the connection or file. */
  close(): Promise<void>
}

/** What a sink does with an event whose id is already stored. */
export type ConflictPolicy = 'nothing' | 'update'
