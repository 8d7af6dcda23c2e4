import { EvnormError } from '../model/errors.js'

const PULL_AUTH_MARKER = Symbol.for('evnorm.error.pull-auth')
const PULL_REQUEST_MARKER = Symbol.for('evnorm.error.pull-request')
const CHECKPOINT_MARKER = Symbol.for('evnorm.error.checkpoint')

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && marker in value
}

/**
 * The vendor refused the credentials (HTTP 401 or 403, or a vendor error code that means so).
 * Never retried: the same credentials would be refused again. The message names no secret.
 */
export class PullAuthError extends EvnormError {
  readonly [PULL_AUTH_MARKER] = true
  /** The vendor, e.g. `smaily`. */
  readonly vendor: string
  /** The HTTP status, or the vendor's code as text. */
  readonly code: string

  constructor(args: { vendor: string; code: string; detail: string }) {
    super(
      'PullAuthError',
      `${args.vendor}: the credentials were refused (${args.code}${args.detail ? `: ${args.detail}` : ''}); check them and run again`,
    )
    this.vendor = args.vendor
    this.code = args.code
  }

  /** True for a credentials error, even one from another copy of the package. */
  static override isInstance(error: unknown): error is PullAuthError {
    return hasMarker(error, PULL_AUTH_MARKER)
  }
}

/**
 * A request failed for good: a status that is not worth retrying (a 4xx other than 401, 403,
 * 408 and 429), or every attempt failed (429, 5xx, network error, timeout, unreadable body).
 */
export class PullRequestError extends EvnormError {
  readonly [PULL_REQUEST_MARKER] = true
  /** The vendor, e.g. `smaily`. */
  readonly vendor: string
  /** Attempts made. */
  readonly attempts: number
  /** What the last attempt ran into. */
  readonly problem: string

  constructor(args: { vendor: string; what: string; attempts: number; problem: string }) {
    super(
      'PullRequestError',
      `${args.vendor}: ${args.what} failed after ${args.attempts} attempt${args.attempts === 1 ? '' : 's'}: ${args.problem}`,
    )
    this.vendor = args.vendor
    this.attempts = args.attempts
    this.problem = args.problem
  }

  /** True for a failed request, even one from another copy of the package. */
  static override isInstance(error: unknown): error is PullRequestError {
    return hasMarker(error, PULL_REQUEST_MARKER)
  }
}

/** A stored checkpoint is not one this sync wrote (or can read). */
export class CheckpointError extends EvnormError {
  readonly [CHECKPOINT_MARKER] = true
  /** The stream whose checkpoint it is. */
  readonly stream: string

  constructor(args: { stream: string; problem: string }) {
    super('CheckpointError', `checkpoint of ${args.stream}: ${args.problem}`)
    this.stream = args.stream
  }

  /** True for a checkpoint error, even one from another copy of the package. */
  static override isInstance(error: unknown): error is CheckpointError {
    return hasMarker(error, CHECKPOINT_MARKER)
  }
}
