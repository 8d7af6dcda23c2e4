import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { realpath, rename, stat, unlink } from 'node:fs/promises'
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

/** A file written under a temporary name, renamed to `target` once complete. */
interface Staged {
  readonly partial: string
  readonly target: string
}

/**
 * Text written to a stream with backpressure: `write` resolves once the stream can take more,
 * and rejects with a {@link SinkError} when the stream fails. A regular file opened with
 * {@link LineSink.open} is written as `<file>.<pid>.partial` in the same directory and renamed
 * to its name by {@link LineSink.close}, so a file with the final name is always complete;
 * {@link LineSink.abort} removes the partial file.
 */
export class LineSink {
  readonly #stream: Writable
  readonly #name: string
  readonly #owned: boolean
  readonly #staged: Staged | undefined
  #error: SinkError | undefined

  /** Wraps `stream`; `owned` streams are ended by {@link LineSink.close}. */
  constructor(stream: Writable, name: string, owned: boolean, staged?: Staged) {
    this.#stream = stream
    this.#name = name
    this.#owned = owned
    this.#staged = staged
    stream.on('error', (error) => {
      this.#error ??= new SinkError(name, error)
    })
  }

  /**
   * Opens a file for writing: a regular file (or a new one) through a partial file renamed on
   * {@link LineSink.close}, a device or pipe directly.
   */
  static async open(path: string): Promise<LineSink> {
    const target = await realpath(path).catch(() => path)
    const existing = await stat(target).catch(() => undefined)
    const staged =
      existing === undefined || existing.isFile()
        ? { partial: `${target}.${process.pid}.partial`, target }
        : undefined
    const stream = createWriteStream(staged?.partial ?? path)
    try {
      await once(stream, 'open')
    } catch (error) {
      throw new SinkError(path, error)
    }
    return new LineSink(stream, path, true, staged)
  }

  /** The destination's name, for messages. */
  get name(): string {
    return this.#name
  }

  /** Writes text (or UTF-8 bytes), waiting for `drain` when the stream's buffer is full. */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.#error !== undefined) throw this.#error
    if (this.#stream.destroyed) throw new SinkError(this.#name, new Error('the stream is closed'))
    if (text.length === 0 || this.#stream.write(text)) return
    await this.#settle('drain')
  }

  /**
   * Flushes (for a stream it does not own, until the last write is handed on, so a reader that
   * closed early is noticed); ends an owned stream and gives a partial file its name.
   */
  async close(): Promise<void> {
    if (this.#error !== undefined) throw this.#error
    if (!this.#owned) {
      await new Promise<void>((resolve) => this.#stream.write('', () => resolve()))
      if (this.#error !== undefined) throw this.#error
      return
    }
    this.#stream.end()
    await this.#settle('finish')
    if (this.#staged === undefined) return
    try {
      await rename(this.#staged.partial, this.#staged.target)
    } catch (error) {
      throw new SinkError(this.#name, error)
    }
  }

  /** Ends an owned stream after a failure elsewhere, removing its partial file. */
  async abort(): Promise<void> {
    if (!this.#owned) return
    if (!this.#stream.closed) {
      this.#stream.destroy()
      await once(this.#stream, 'close').catch(() => {})
    }
    if (this.#staged !== undefined) await unlink(this.#staged.partial).catch(() => {})
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
