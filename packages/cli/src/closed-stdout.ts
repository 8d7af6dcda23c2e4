import { readFileSync, readlinkSync } from 'node:fs'
import { Writable } from 'node:stream'

const O_ACCMODE = 3
const O_RDWR = 2

/**
 * True when standard output was closed when the process started (`evnorm … >&-`). Node then
 * opens `/dev/null` read-write in its place, which a shell's `> /dev/null` (write-only) never
 * does; told from `/proc/self/fdinfo` on Linux, false elsewhere.
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1]
    return flags !== undefined && (Number.parseInt(flags, 8) & O_ACCMODE) === O_RDWR
  } catch {
    return false
  }
}

/** A stream whose every write fails as writing to a closed descriptor does (`EBADF`). */
export function closedStdout(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done(Object.assign(new Error('standard output is closed'), { code: 'EBADF' }))
    },
  })
}
