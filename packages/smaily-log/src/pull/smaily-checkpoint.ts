import { CheckpointError } from '@evnorm/core/pull'
import { readUnsignedId } from '../smaily-identifier.js'

/** Where a Smaily cursor sync resumes. */
export interface SmailyCheckpoint {
  /** The `since_seq_id` of the next request: every row up to it is stored. */
  readonly sinceSeqId: string
  /**
   * UTC time up to which every action logged is stored (ISO 8601), when known: the time of a
   * request that caught up, or else the latest `occurredAt` stored. Compared with Smaily's
   * 30-day retention.
   */
  readonly coveredUntil?: string
}

/**
 * The stored text of a checkpoint: `{"since_seq_id":"…","covered_until":"…"}` (the id as a
 * decimal string, exact beyond 2^53).
 */
export function formatSmailyCheckpoint(checkpoint: SmailyCheckpoint): string {
  return JSON.stringify({
    since_seq_id: checkpoint.sinceSeqId,
    ...(checkpoint.coveredUntil === undefined ? {} : { covered_until: checkpoint.coveredUntil }),
  })
}

/**
 * Reads a stored checkpoint: the JSON of {@link formatSmailyCheckpoint}, or a bare decimal
 * `seq_id` (one set by hand). No checkpoint starts at `since_seq_id=0`, the oldest row kept.
 * Throws {@link CheckpointError} for anything else.
 */
export function readSmailyCheckpoint(stream: string, text: string | undefined): SmailyCheckpoint {
  if (text === undefined) return { sinceSeqId: '0' }
  const trimmed = text.trim()
  if (/^[0-9]+$/.test(trimmed)) return { sinceSeqId: seqId(stream, trimmed) }
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch {
    value = undefined
  }
  if (typeof value !== 'object' || value === null) {
    throw new CheckpointError({ stream, problem: `'${text}' is not a Smaily cursor checkpoint` })
  }
  const { since_seq_id: since, covered_until: covered } = value as Record<string, unknown>
  if (covered !== undefined && (typeof covered !== 'string' || Number.isNaN(Date.parse(covered)))) {
    throw new CheckpointError({ stream, problem: 'covered_until is not an ISO 8601 time' })
  }
  return {
    sinceSeqId: seqId(stream, since),
    ...(covered === undefined ? {} : { coveredUntil: covered }),
  }
}

function seqId(stream: string, value: unknown): string {
  const id = readUnsignedId(value, 'since_seq_id')
  if (typeof id !== 'string') throw new CheckpointError({ stream, problem: id.message })
  return id
}
