import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import { describeIoError } from './io-error.js'

/** Raised by a {@link LineSink} when its stream fails; `problem` is one line. */
export class SinkError extends Error {
  /** Name of the destination, e.g. the file path or `<stdout>`. */
  readonly destination: string
  /** One-line description of the failure. */
  readonly problem: string
  /** The stream's error code, e.g. `EPIPE`, when it had one. */
  readonly code: string | undefined

  constructor(destination: string, cause: unknown) {
    const problem = describeIoError(cause)
    super(`${destination}: cannot write: ${problem}`, { cause })
    this.destination = destination
    this.problem = problem
    const code =
      typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined
    this.code = typeof code === 'string' ? code : undefined
  }
}

/**
 * Text written to a stream with backpressure: `write` resolves once the stream can take more,
 * and rejects with a {@link SinkError} when the stream fails.
 */
export class LineSink {
  readonly #stream: Writable
  readonly #name: string
  readonly #owned: boolean
  #error: SinkError | undefined

  /** Wraps `stream`; `owned` streams are ended by {@link LineSink.close}. */
  constructor(stream: Writable, name: string, owned: boolean) {
    this.#stream = stream
    this.#name = name
    this.#owned = owned
    stream.on('error', (error) => {
      this.#error ??= new SinkError(name, error)
    })
  }

  /** Opens (creates or truncates) a file for writing. */
  static async open(path: string): Promise<LineSink> {
    const stream = createWriteStream(path)
    try {
      await once(stream, 'open')
    } catch (error) {
      throw new SinkError(path, error)
    }
    return new LineSink(stream, path, true)
  }

  /** The destination's name, for messages. */
  get name(): string {
    return this.#name
  }

  /** Writes text, waiting for `drain` when the stream's buffer is full. */
  async write(text: string): Promise<void> {
    if (this.#error !== undefined) throw this.#error
    if (this.#stream.destroyed) throw new SinkError(this.#name, new Error('the stream is closed'))
    if (text === '' || this.#stream.write(text)) return
    await this.#settle('drain')
  }

  /** Flushes; ends the stream when the sink owns it. */
  async close(): Promise<void> {
    if (this.#error !== undefined) throw this.#error
    if (!this.#owned) return
    this.#stream.end()
    await this.#settle('finish')
  }

  /** Ends an owned stream without waiting (after a failure elsewhere). */
  abort(): void {
    if (this.#owned) this.#stream.end()
  }

  #settle(event: 'drain' | 'finish'): Promise<void> {
    return new Promise((resolve, reject) => {
      const stream = this.#stream
      const cleanup = () => {
        stream.off(event, onDone)
        stream.off('error', onError)
        stream.off('close', onClose)
      }
      const onDone = () => {
        cleanup()
        resolve()
      }
      const onError = (error: unknown) => {
        cleanup()
        reject(this.#error ?? new SinkError(this.#name, error))
      }
      const onClose = () => {
        cleanup()
        if (event === 'finish' && stream.writableFinished) resolve()
        else reject(this.#error ?? new SinkError(this.#name, new Error('the stream closed')))
      }
      stream.on(event, onDone)
      stream.on('error', onError)
      stream.on('close', onClose)
    })
  }
}
