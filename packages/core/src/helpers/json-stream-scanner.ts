import type { JsonStreamItem } from './json-stream.js'
import { MAX_TEXT_LENGTH, tooLongMessage } from './text-limit.js'

const QUOTE = 34
const COMMA = 44
const COLON = 58
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
/** A closing bracket's code minus 2 is its opening bracket's code, for both kinds. */
const CLOSE_TO_OPEN = 2

const ROOT = 0
const OBJECT = 1
const ARRAY = 2
const RECORDS = 3

const EXPECT_VALUE = 0
const EXPECT_FIRST_VALUE = 1
const EXPECT_FIRST_KEY = 2
const EXPECT_KEY = 3
const EXPECT_COLON = 4
const AFTER_VALUE = 5

const IN_STRUCTURE = 0
const IN_STRING = 1
const IN_SCALAR = 2
const IN_ELEMENT = 3

const STRING_IS_KEY = 0
const STRING_IS_VALUE = 1
const STRING_IN_ELEMENT = 2

interface Frame {
  readonly container: typeof ROOT | typeof OBJECT | typeof ARRAY | typeof RECORDS
  state: number
  /** Object-key path from the root, while it can still lead to a record array. */
  readonly path: readonly string[] | undefined
  /** The member being read, in an object with a path. */
  key: string
  /** For a record array: its locator without the index. */
  readonly locator: string
  /** For a record array: the index of the next element. */
  index: number
}

/** Elements read at once by a scanner's {@link RunReader}: their values, in order. */
export interface RecordRun {
  readonly kind: 'run'
  readonly values: readonly unknown[]
  /** The record array's locator without an index, e.g. `$` or `$.data`. */
  readonly locator: string
  /** Index of the first value in the record array. */
  readonly index: number
}

/** What a {@link JsonStreamScanner} returns: `scanJsonStream` items, and runs with a reader. */
export type ScanItem = JsonStreamItem | RecordRun

/**
 * Parses consecutive elements of a record array, written as between its brackets (commas
 * between them), into their values; undefined when the text is not that.
 */
export type RunReader = (text: string) => readonly unknown[] | undefined

/** The longest text of a run. */
const RUN_CHARS = 32 * 1024
/** Runs start within this many characters of a pushed text, so that a push returns few values. */
const RUN_WINDOW = 64 * 1024
/** The most characters cut element by element past a run that failed, before the next run. */
const RUN_BACKOFF_LIMIT = 1024 * 1024

/** Text gathered across chunks: finished pieces plus where the open piece starts. */
class Capture {
  active = false
  start = 0
  pieces: string[] = []
  /** Characters in `pieces`. */
  length = 0

  begin(at: number): void {
    this.active = true
    this.start = at
  }

  /** Stops gathering at `end`, keeping what was gathered. */
  pause(text: string, end: number): void {
    this.active = false
    if (end > this.start) this.#keep(text.slice(this.start, end))
  }

  /** Stops gathering at `end` and returns everything gathered, or undefined past `limit`. */
  finish(text: string, end: number, limit: number): string | undefined {
    this.active = false
    if (this.pieces.length === 0)
      return end - this.start > limit ? undefined : text.slice(this.start, end)
    const length = this.length + end - this.start
    this.#keep(text.slice(this.start, end))
    const whole = length > limit ? undefined : this.pieces.join('')
    this.pieces = []
    this.length = 0
    return whole
  }

  carry(text: string): void {
    if (!this.active) return
    if (this.start < text.length) this.#keep(text.slice(this.start))
    this.start = 0
  }

  #keep(piece: string): void {
    this.pieces.push(piece)
    this.length += piece.length
  }
}

/**
 * The state machine behind `scanJsonStream`: reads JSON text chunk by chunk, checks its
 * structure (strings and escapes, nesting, commas, colons, whitespace; scalars are left to
 * the later parse), cuts the elements of record arrays out as separate texts and keeps the
 * rest as the document. Holds only the unfinished element, key and document pieces.
 *
 * With a {@link RunReader}, the elements of record arrays are read in runs where that works:
 * from an element's start to the last likely element end in the next 32 Ki characters of the
 * chunk (a `}` or `]`, a comma, then an element that starts as this one up to its first key),
 * parsed in one go by the reader. A run that parses is valid JSON, so it holds exactly the
 * elements that cutting gives. One that does not is cut element by element, and runs are
 * tried less often while they keep failing, which bounds the parses wasted. Runs start only in
 * the first 64 Ki characters of a pushed text, so that a push returns a bounded number of
 * values.
 */
export class JsonStreamScanner {
  readonly #recordPaths: ReadonlySet<string>
  readonly #limit: number
  readonly #pathPrefixes: ReadonlySet<string>
  readonly #frames: Frame[]
  readonly #nesting: number[] = []
  readonly #element = new Capture()
  readonly #document = new Capture()
  readonly #key = new Capture()
  readonly #runReader: RunReader | undefined
  #items: ScanItem[] = []
  /** Offset before which no run is tried: the stretch before was tried once. */
  #runFrom = 0
  /** Characters cut element by element past the next run that fails; grows while runs fail. */
  #runBackoff = 0
  #mode = IN_STRUCTURE
  #stringRole = STRING_IS_VALUE
  #escaped = false
  #text = ''
  #base = 0
  #nextBackslash = -1
  #failed = false

  /** `limit`: the longest element, key or document text to gather. */
  constructor(
    recordPaths: readonly (readonly string[])[],
    limit = MAX_TEXT_LENGTH,
    runReader?: RunReader,
  ) {
    this.#limit = limit
    this.#runReader = runReader
    this.#recordPaths = new Set(recordPaths.map((path) => JSON.stringify(path)))
    this.#pathPrefixes = new Set(
      recordPaths.flatMap((path) =>
        path.map((_key, length) => JSON.stringify(path.slice(0, length))),
      ),
    )
    this.#frames = [newFrame(ROOT, EXPECT_VALUE, [], '')]
  }

  /** True once an error item was produced: nothing follows it. */
  get failed(): boolean {
    return this.#failed
  }

  /** Character offset of the next character to read. */
  get offset(): number {
    return this.#base
  }

  /** Reads the next piece of text and returns the items it completed. */
  push(text: string): ScanItem[] {
    if (this.#failed || text.length === 0) return []
    this.#text = text
    this.#nextBackslash = -1
    const length = text.length
    let at = 0
    while (at < length && !this.#failed) {
      if (this.#mode === IN_ELEMENT) at = this.#readElement(text, at)
      else if (this.#mode === IN_STRING) at = this.#readString(text, at)
      else if (this.#mode === IN_SCALAR) at = this.#readScalar(text, at)
      else at = this.#readStructure(text, at)
    }
    this.#element.carry(text)
    this.#document.carry(text)
    this.#key.carry(text)
    if (!this.#failed) this.#checkLength(length)
    this.#base += length
    return this.#take()
  }

  /** Ends the input: returns the document, or the error of an empty or truncated input. */
  end(): ScanItem[] {
    if (this.#failed) return []
    this.#text = ''
    const root = this.#frames[0] as Frame
    if (this.#mode === IN_SCALAR && this.#frames.length === 1) this.#valueEnded(0)
    if (this.#mode !== IN_STRUCTURE || this.#frames.length > 1) {
      this.#fail('unexpected end of input', 0)
    } else if (root.state === EXPECT_VALUE) {
      this.#fail('the input holds no JSON value', 0)
    } else {
      this.#checkLength(0)
      if (!this.#failed)
        this.#items.push({ kind: 'document', text: this.#document.pieces.join('') })
    }
    return this.#take()
  }

  /** Fails once a text being gathered across chunks outgrows the limit. */
  #checkLength(at: number): void {
    if (this.#element.length > this.#limit) {
      this.#fail(tooLongMessage(`the element at ${this.#recordLocator()}`, this.#limit), at)
    } else if (this.#document.length > this.#limit) {
      this.#fail(tooLongMessage('the JSON text around the record arrays', this.#limit), at)
    }
  }

  #recordLocator(): string {
    const frame = this.#frames[this.#frames.length - 1] as Frame
    return elementLocator(frame.locator, frame.index)
  }

  #take(): ScanItem[] {
    const items = this.#items
    this.#items = []
    return items
  }

  #fail(message: string, at: number): number {
    this.#failed = true
    this.#items.push({ kind: 'error', message, offset: this.#base + at })
    return this.#text.length
  }

  #readStructure(text: string, from: number): number {
    const length = text.length
    for (let at = from; at < length; at++) {
      const code = text.charCodeAt(at)
      if (code === 32 || code === 10 || code === 13 || code === 9) continue
      const frame = this.#frames[this.#frames.length - 1] as Frame
      switch (frame.state) {
        case EXPECT_FIRST_VALUE:
          if (code === CLOSE_BRACKET) {
            this.#close(frame, at)
            continue
          }
          return this.#startRunOrValue(frame, code, at)
        case EXPECT_VALUE:
          return this.#startRunOrValue(frame, code, at)
        case EXPECT_FIRST_KEY:
          if (code === CLOSE_BRACE) {
            this.#close(frame, at)
            continue
          }
          return this.#startKey(frame, code, at)
        case EXPECT_KEY:
          return this.#startKey(frame, code, at)
        case EXPECT_COLON:
          if (code !== COLON)
            return this.#fail(`expected ':' after a property name, found ${quote(code)}`, at)
          frame.state = EXPECT_VALUE
          continue
        default:
          if (frame.container === ROOT) {
            return this.#fail(`unexpected ${quote(code)} after the end of the JSON value`, at)
          }
          if (code === COMMA) {
            frame.state = frame.container === OBJECT ? EXPECT_KEY : EXPECT_VALUE
            continue
          }
          if (code === (frame.container === OBJECT ? CLOSE_BRACE : CLOSE_BRACKET)) {
            this.#close(frame, at)
            continue
          }
          return this.#fail(
            `expected ',' or '${frame.container === OBJECT ? '}' : ']'}', found ${quote(code)}`,
            at,
          )
      }
    }
    return length
  }

  #startRunOrValue(frame: Frame, code: number, at: number): number {
    const end = frame.container === RECORDS ? this.#readRun(frame, at) : at
    return end > at ? end : this.#startValue(frame, code, at)
  }

  /** Reads the run of elements starting at `at`, if any; returns where it ends, else `at`. */
  #readRun(frame: Frame, at: number): number {
    const reader = this.#runReader
    if (reader === undefined || at >= RUN_WINDOW || this.#base + at < this.#runFrom) return at
    const text = this.#text
    const stop = Math.min(text.length, at + Math.min(RUN_CHARS, this.#limit))
    const end = lastElementEnd(text, at, stop)
    this.#runFrom = this.#base + (end === -1 ? stop : end)
    if (end === -1) return at
    const values = reader(text.slice(at, end))
    if (values === undefined || values.length === 0) {
      this.#runFrom += this.#runBackoff
      this.#runBackoff = Math.min(2 * this.#runBackoff + RUN_CHARS, RUN_BACKOFF_LIMIT)
      return at
    }
    this.#runBackoff = 0
    this.#items.push({ kind: 'run', values, locator: frame.locator, index: frame.index })
    frame.index += values.length
    frame.state = AFTER_VALUE
    return end
  }

  #startKey(frame: Frame, code: number, at: number): number {
    if (code !== QUOTE) return this.#fail(`expected a property name, found ${quote(code)}`, at)
    if (frame.path !== undefined) this.#key.begin(at + 1)
    this.#mode = IN_STRING
    this.#stringRole = STRING_IS_KEY
    return at + 1
  }

  #startValue(frame: Frame, code: number, at: number): number {
    if (code === COMMA || code === COLON || code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      return this.#fail(`expected a value, found ${quote(code)}`, at)
    }
    frame.state = AFTER_VALUE
    if (frame.container === RECORDS) this.#element.begin(at)
    else if (frame.container === ROOT) this.#document.begin(at)
    if (code === QUOTE) {
      this.#mode = IN_STRING
      this.#stringRole = STRING_IS_VALUE
      return at + 1
    }
    if (code !== OPEN_BRACE && code !== OPEN_BRACKET) {
      this.#mode = IN_SCALAR
      return at
    }
    if (frame.container === RECORDS) {
      this.#nesting.push(code)
      this.#mode = IN_ELEMENT
      return at + 1
    }
    const path = frame.path === undefined ? undefined : childPath(frame)
    const pathKey = path === undefined ? '' : JSON.stringify(path)
    if (code === OPEN_BRACKET && path !== undefined && this.#recordPaths.has(pathKey)) {
      this.#document.pause(this.#text, at + 1)
      this.#frames.push(newFrame(RECORDS, EXPECT_FIRST_VALUE, undefined, locatorOf(path)))
    } else if (code === OPEN_BRACKET) {
      this.#frames.push(newFrame(ARRAY, EXPECT_FIRST_VALUE, undefined, ''))
    } else {
      const relevant = path !== undefined && this.#pathPrefixes.has(pathKey)
      this.#frames.push(newFrame(OBJECT, EXPECT_FIRST_KEY, relevant ? path : undefined, ''))
    }
    return at + 1
  }

  #close(frame: Frame, at: number): void {
    this.#frames.pop()
    if (frame.container === RECORDS) this.#document.begin(at)
    this.#valueEnded(at + 1)
  }

  #valueEnded(end: number): void {
    this.#mode = IN_STRUCTURE
    const frame = this.#frames[this.#frames.length - 1] as Frame
    if (frame.container === RECORDS) {
      const text = this.#element.finish(this.#text, end, this.#limit)
      if (text === undefined) {
        this.#fail(tooLongMessage(`the element at ${this.#recordLocator()}`, this.#limit), end)
        return
      }
      this.#items.push({ kind: 'record', text, locator: this.#recordLocator() })
      frame.index++
    } else if (frame.container === ROOT) {
      this.#document.pause(this.#text, end)
    }
  }

  #readScalar(text: string, from: number): number {
    const length = text.length
    for (let at = from; at < length; at++) {
      if (endsScalar(text.charCodeAt(at))) {
        this.#valueEnded(at)
        return at
      }
    }
    return length
  }

  #readString(text: string, from: number): number {
    let start = from
    if (this.#escaped) {
      this.#escaped = false
      start++
    }
    const close = this.#skipString(text, start)
    if (close === -1) return text.length
    if (this.#stringRole === STRING_IN_ELEMENT) {
      this.#mode = IN_ELEMENT
    } else if (this.#stringRole === STRING_IS_VALUE) {
      this.#valueEnded(close + 1)
    } else {
      this.#mode = IN_STRUCTURE
      const frame = this.#frames[this.#frames.length - 1] as Frame
      frame.state = EXPECT_COLON
      if (frame.path !== undefined) {
        const key = this.#key.finish(text, close, this.#limit)
        if (key === undefined)
          return this.#fail(tooLongMessage('a property name', this.#limit), close)
        frame.key = unescapeKey(key)
      }
    }
    return close + 1
  }

  #readElement(text: string, from: number): number {
    const nesting = this.#nesting
    const length = text.length
    for (let at = from; at < length; at++) {
      const code = text.charCodeAt(at)
      if (code === QUOTE) {
        const close = this.#skipString(text, at + 1)
        if (close === -1) {
          this.#mode = IN_STRING
          this.#stringRole = STRING_IN_ELEMENT
          return length
        }
        at = close
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        nesting.push(code)
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        const open = nesting.pop()
        if (open !== code - CLOSE_TO_OPEN) {
          return this.#fail(`${quote(code)} does not close ${quote(open ?? 0)}`, at)
        }
        if (nesting.length === 0) {
          this.#valueEnded(at + 1)
          return at + 1
        }
      }
    }
    return length
  }

  /**
   * Index of the quote that ends the string whose body starts at `from`, or -1 when the text
   * ends first (remembering an escape cut in half). Jumps between quotes and backslashes with
   * indexOf; the next backslash is cached so each one is searched for once per chunk.
   */
  #skipString(text: string, from: number): number {
    const length = text.length
    let at = from
    let close = text.indexOf('"', at)
    if (close === -1) close = length
    for (;;) {
      if (this.#nextBackslash < at) {
        const backslash = text.indexOf('\\', at)
        this.#nextBackslash = backslash === -1 ? length : backslash
      }
      if (this.#nextBackslash >= close) return close < length ? close : -1
      at = this.#nextBackslash + 2
      if (at > length) {
        this.#escaped = true
        return -1
      }
      if (close < at) {
        close = text.indexOf('"', at)
        if (close === -1) close = length
      }
    }
  }
}

function newFrame(
  container: Frame['container'],
  state: number,
  path: readonly string[] | undefined,
  locator: string,
): Frame {
  return { container, state, path, key: '', locator, index: 0 }
}

/** Where the element at `index` of the record array at `locator` sits, e.g. `$.data[3]`. */
export function elementLocator(locator: string, index: number): string {
  return `${locator}[${index}]`
}

/**
 * The end of the last element before `stop` that is followed by a comma and an element
 * starting as the one at `from` does, or -1. Only likely: the run read up to it is verified.
 */
function lastElementEnd(text: string, from: number, stop: number): number {
  const head = elementHead(text, from, stop)
  if (head === undefined) return -1
  const close = text.charCodeAt(from) + CLOSE_TO_OPEN
  for (let next = text.lastIndexOf(head, stop - head.length); next > from; ) {
    const comma = skipWhitespaceBack(text, next - 1)
    const end = skipWhitespaceBack(text, comma - 1)
    if (text.charCodeAt(comma) === COMMA && text.charCodeAt(end) === close) return end + 1
    next = text.lastIndexOf(head, next - 1)
  }
  return -1
}

/** How the element at `from` starts: `[`, or `{` up to its first key's closing quote. */
function elementHead(text: string, from: number, stop: number): string | undefined {
  const open = text.charCodeAt(from)
  if (open === OPEN_BRACKET) return '['
  if (open !== OPEN_BRACE) return undefined
  let quote = from + 1
  while (isWhitespace(text.charCodeAt(quote))) quote++
  const close = text.charCodeAt(quote) === QUOTE ? text.indexOf('"', quote + 1) : -1
  return close === -1 || close >= stop ? undefined : text.slice(from, close + 1)
}

function skipWhitespaceBack(text: string, from: number): number {
  let at = from
  while (isWhitespace(text.charCodeAt(at))) at--
  return at
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9
}

function childPath(frame: Frame): readonly string[] | undefined {
  if (frame.container === ROOT) return frame.path
  if (frame.container === OBJECT && frame.path !== undefined) return [...frame.path, frame.key]
  return undefined
}

function endsScalar(code: number): boolean {
  return (
    code === COMMA ||
    code === CLOSE_BRACKET ||
    code === CLOSE_BRACE ||
    code === 32 ||
    code === 10 ||
    code === 13 ||
    code === 9 ||
    code === QUOTE ||
    code === COLON ||
    code === OPEN_BRACKET ||
    code === OPEN_BRACE
  )
}

function unescapeKey(raw: string): string {
  if (!raw.includes('\\')) return raw
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}

function locatorOf(path: readonly string[]): string {
  return `$${path.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join('')}`
}

function quote(code: number): string {
  return code === 0 ? 'nothing' : `'${String.fromCharCode(code)}'`
}
