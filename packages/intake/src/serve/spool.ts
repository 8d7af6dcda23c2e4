import { randomUUID } from 'node:crypto'
import { type FileHandle, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeFrames, encodeFrame, FRAME_HEADER_BYTES, firstReceivedAt } from './spool-frame.js'

/** Where unreadable bodies are kept, inside the spool directory. */
export const DEAD_LETTER_DIRECTORY = 'dead-letters'

const SEGMENT = /^segment-(\d{16})\.spool$/

/** A segment closed for appends, waiting to be loaded. */
interface SealedSegment {
  readonly name: string
  readonly bytes: number
  readonly oldestAt: number | undefined
}

/** The segment appends go to. */
interface ActiveSegment {
  readonly name: string
  readonly handle: FileHandle
  bytes: number
  oldestAt: number | undefined
}

interface PendingAppend {
  readonly frame: Buffer
  readonly receivedAt: number
  readonly resolve: () => void
  readonly reject: (error: unknown) => void
}

/** What the spool holds that is not loaded yet. */
export interface SpoolBacklog {
  /** Bytes in segments not yet removed. */
  readonly bytes: number
  /** When the oldest body still in the spool was received (ms since the epoch), if any. */
  readonly oldestAt: number | undefined
}

/**
 * A directory of append-only segment files holding request bodies until they are loaded.
 * {@link Spool.append} resolves once the body is on disk (written and `fdatasync`ed, with the
 * segment's directory entry synced when the segment is new); appends that arrive while one is
 * being synced are written and synced together. A failed append is cut off the segment again,
 * so a full disk leaves no torn record in front of later ones.
 */
export class Spool {
  readonly directory: string
  readonly #segmentBytes: number
  readonly #sealed: SealedSegment[]
  #next: number
  #active: ActiveSegment | undefined
  #pending: PendingAppend[] = []
  #writing: Promise<void> | undefined

  private constructor(directory: string, segmentBytes: number, sealed: SealedSegment[]) {
    this.directory = directory
    this.#segmentBytes = segmentBytes
    this.#sealed = sealed
    const last = sealed.at(-1)
    this.#next = last === undefined ? 1 : segmentNumber(last.name) + 1
  }

  /**
   * Opens a spool directory, creating it when missing. Segments left by an earlier run are
   * sealed for loading; appends go to a new segment, rotated after `segmentBytes`.
   */
  static async open(directory: string, segmentBytes: number): Promise<Spool> {
    await mkdir(join(directory, DEAD_LETTER_DIRECTORY), { recursive: true })
    const names = (await readdir(directory)).filter((name) => SEGMENT.test(name)).sort()
    const sealed: SealedSegment[] = []
    for (const name of names) {
      const path = join(directory, name)
      const { size } = await stat(path)
      const handle = await open(path, 'r')
      try {
        const header = Buffer.alloc(FRAME_HEADER_BYTES)
        await handle.read(header, 0, FRAME_HEADER_BYTES, 0)
        sealed.push({ name, bytes: size, oldestAt: firstReceivedAt(header) })
      } finally {
        await handle.close()
      }
    }
    return new Spool(directory, segmentBytes, sealed)
  }

  /** Stores a body durably; rejects (nothing stored) when it cannot be written or synced. */
  append(body: Buffer, receivedAt = Date.now()): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ frame: encodeFrame({ body, receivedAt }), receivedAt, resolve, reject })
      this.#writing ??= this.#writePending().finally(() => {
        this.#writing = undefined
      })
    })
  }

  /** Names of the segments ready to load, oldest first. */
  sealedSegments(): readonly string[] {
    return this.#sealed.map((segment) => segment.name)
  }

  /** True when the segment taking appends holds at least one body. */
  hasActiveBodies(): boolean {
    return (this.#active?.bytes ?? 0) > 0
  }

  /** Closes the segment taking appends (after appends in progress), so it can be loaded. */
  async seal(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing
    await this.#sealActive()
  }

  async #sealActive(): Promise<void> {
    const active = this.#active
    if (active === undefined || active.bytes === 0) return
    this.#active = undefined
    await active.handle.close()
    this.#sealed.push({ name: active.name, bytes: active.bytes, oldestAt: active.oldestAt })
  }

  /** The bodies of a sealed segment, in the order they were acknowledged. */
  async read(name: string): Promise<{ bodies: Buffer[]; tornBytes: number }> {
    const segment = await readFile(join(this.directory, name))
    const { records, end } = decodeFrames(segment)
    return { bodies: records.map((record) => record.body), tornBytes: segment.length - end }
  }

  /** Deletes a loaded segment. */
  async remove(name: string): Promise<void> {
    await unlink(join(this.directory, name))
    await syncDirectory(this.directory)
    const index = this.#sealed.findIndex((segment) => segment.name === name)
    if (index >= 0) this.#sealed.splice(index, 1)
  }

  /** Keeps an unreadable body, and why, under `dead-letters/`; resolves once both are synced. */
  async deadLetter(body: Buffer, reason: string, receivedAt = Date.now()): Promise<string> {
    const directory = join(this.directory, DEAD_LETTER_DIRECTORY)
    const stem = `${new Date(receivedAt).toISOString().replaceAll(':', '-')}-${randomUUID()}`
    await writeSynced(join(directory, `${stem}.body`), body)
    const note = { receivedAt: new Date(receivedAt).toISOString(), bytes: body.length, reason }
    await writeSynced(join(directory, `${stem}.json`), Buffer.from(`${JSON.stringify(note)}\n`))
    await syncDirectory(directory)
    return stem
  }

  /** What is not loaded yet. */
  backlog(): SpoolBacklog {
    const segments = [...this.#sealed, ...(this.#active === undefined ? [] : [this.#active])]
    return {
      bytes: segments.reduce((sum, segment) => sum + segment.bytes, 0),
      oldestAt: segments.find((segment) => segment.oldestAt !== undefined)?.oldestAt,
    }
  }

  /** Waits for appends in progress and closes the segment taking appends. */
  async close(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing
    await this.#active?.handle.close()
    this.#active = undefined
  }

  async #writePending(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0)
      try {
        await this.#write(batch)
        for (const append of batch) append.resolve()
      } catch (error) {
        for (const append of batch) append.reject(error)
      }
    }
  }

  async #write(batch: readonly PendingAppend[]): Promise<void> {
    const active = await this.#activeSegment()
    const start = active.bytes
    const data = Buffer.concat(batch.map((append) => append.frame))
    try {
      let written = 0
      while (written < data.length) {
        const { bytesWritten } = await active.handle.write(
          data,
          written,
          data.length - written,
          start + written,
        )
        written += bytesWritten
      }
      await active.handle.datasync()
    } catch (error) {
      await this.#cutBack(active, start)
      throw error
    }
    active.bytes += data.length
    active.oldestAt ??= batch[0]?.receivedAt
    if (active.bytes >= this.#segmentBytes) await this.#sealActive()
  }

  /** Removes a failed write; a segment that cannot be cut back takes no more appends. */
  async #cutBack(active: ActiveSegment, length: number): Promise<void> {
    try {
      await active.handle.truncate(length)
      await active.handle.datasync()
    } catch {
      this.#active = undefined
      await active.handle.close().catch(() => undefined)
      if (length > 0) {
        this.#sealed.push({ name: active.name, bytes: length, oldestAt: active.oldestAt })
      } else {
        await unlink(join(this.directory, active.name)).catch(() => undefined)
      }
    }
  }

  async #activeSegment(): Promise<ActiveSegment> {
    if (this.#active !== undefined) return this.#active
    const name = `segment-${String(this.#next).padStart(16, '0')}.spool`
    this.#next += 1
    const handle = await open(join(this.directory, name), 'wx')
    try {
      await syncDirectory(this.directory)
    } catch (error) {
      await handle.close()
      await unlink(join(this.directory, name)).catch(() => undefined)
      throw error
    }
    this.#active = { name, handle, bytes: 0, oldestAt: undefined }
    return this.#active
  }
}

function segmentNumber(name: string): number {
  return Number(SEGMENT.exec(name)?.[1] ?? 0)
}

async function writeSynced(path: string, data: Buffer): Promise<void> {
  const handle = await open(path, 'wx')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(path).catch(() => undefined)
    throw error
  }
  await handle.close()
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
