const ERROR_MARKER = Symbol.for('evnorm.error')
const VENDOR_ERROR_MARKER = Symbol.for('evnorm.error.vendor-error-envelope')
const UNREADABLE_INPUT_MARKER = Symbol.for('evnorm.error.unreadable-input')

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && marker in value
}

/** Base class of every error evnorm returns or throws. */
export class EvnormError extends Error {
  readonly [ERROR_MARKER] = true

  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = name
  }

  /** True for any evnorm error, even one from another copy of the package. */
  static isInstance(error: unknown): error is EvnormError {
    return hasMarker(error, ERROR_MARKER)
  }
}

/** The vendor answered with an error envelope instead of records. */
export class VendorErrorEnvelopeError extends EvnormError {
  readonly [VENDOR_ERROR_MARKER] = true
  /** Feed id of the adapter that read the envelope. */
  readonly feed: string
  /** The vendor's error code, as a string. */
  readonly code: string
  /** The vendor's error text. */
  readonly vendorMessage: string
  /** The envelope as received. */
  readonly envelope: unknown

  constructor(args: { feed: string; code: string; vendorMessage: string; envelope: unknown }) {
    super(
      'VendorErrorEnvelopeError',
      `${args.feed}: the vendor returned error ${args.code}${args.vendorMessage ? ` (${args.vendorMessage})` : ''} instead of records`,
    )
    this.feed = args.feed
    this.code = args.code
    this.vendorMessage = args.vendorMessage
    this.envelope = args.envelope
  }

  /** True for a vendor error envelope error, even one from another copy of the package. */
  static override isInstance(error: unknown): error is VendorErrorEnvelopeError {
    return hasMarker(error, VENDOR_ERROR_MARKER)
  }
}

/** The input as a whole could not be read (not JSON/XML/CSV, truncated, wrong shape). */
export class UnreadableInputError extends EvnormError {
  readonly [UNREADABLE_INPUT_MARKER] = true
  /** Feed id of the adapter that tried to read it. */
  readonly feed: string
  /** The format that was attempted (`json`, `ndjson`, `xml`, `csv`, `value`). */
  readonly format: string
  /** Where the problem was, when known (e.g. `line 3, column 14`, `offset 1042`). */
  readonly location: string | undefined

  constructor(args: {
    feed: string
    format: string
    reason: string
    location?: string
    cause?: unknown
  }) {
    super(
      'UnreadableInputError',
      `${args.feed}: cannot read the input as ${args.format}${args.location ? ` at ${args.location}` : ''}: ${args.reason}`,
      { cause: args.cause },
    )
    this.feed = args.feed
    this.format = args.format
    this.location = args.location
  }

  /** True for an unreadable input error, even one from another copy of the package. */
  static override isInstance(error: unknown): error is UnreadableInputError {
    return hasMarker(error, UNREADABLE_INPUT_MARKER)
  }
}

const SINK_ERROR_MARKER = Symbol.for('evnorm.error.sink')

/**
 * A sink could not open, check or write its target: unreachable, refused, full, read-only, or
 * holding tables of another layout. The unit in hand was not stored, and its checkpoint did
 * not advance. The message names the target, never a password.
 */
export class SinkError extends EvnormError {
  readonly [SINK_ERROR_MARKER] = true
  /** The target, with any password removed. */
  readonly target: string
  /** What went wrong, without the target. */
  readonly problem: string

  constructor(args: { target: string; problem: string; cause?: unknown }) {
    super('SinkError', `${args.target}: ${args.problem}`, { cause: args.cause })
    this.target = args.target
    this.problem = args.problem
  }

  /** True for a sink error, even one from another copy of the package. */
  static override isInstance(error: unknown): error is SinkError {
    return hasMarker(error, SINK_ERROR_MARKER)
  }
}
