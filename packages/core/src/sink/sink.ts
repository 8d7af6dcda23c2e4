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
 * A unit handed to a sink batch by batch while it is normalized (see {@link Sink.stage}): the
 * sink keeps what was added in its own staging storage (e.g. a temporary file) rather than in
 * memory, so a large unit costs no more memory than one batch. Nothing is stored until
 * {@link StagedUnit.commit}; a unit never committed is dropped, at the latest when the sink closes.
 */
export interface StagedUnit {
  /** Events added so far, duplicates included. */
  readonly events: number
  /** Adds a batch of events and rejections to the unit; rejects with a {@link SinkError}. */
  add(events: UnitEvents, rejections: readonly Rejection[]): Promise<void>
  /**
   * Stores everything added and the checkpoint in one transaction, as {@link Sink.write} stores
   * a unit of the same events and rejections. Call it once, after the last `add` settled.
   */
  commit(checkpoint?: Checkpoint): Promise<SinkWriteResult>
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
  /**
   * Starts a unit of `origin` whose events are added batch by batch (optional: see
   * {@link stageUnit} for any sink). One unit may be staged while the previous one commits;
   * units are committed one at a time.
   */
  stage?(origin: string): StagedUnit
  /** The stored cursor of a stream, or undefined when it has none. */
  readCheckpoint(stream: string): Promise<string | undefined>
  /** Releases the connection or file. */
  close(): Promise<void>
}

/** What a sink does with an event whose id is already stored. */
export type ConflictPolicy = 'nothing' | 'update'
