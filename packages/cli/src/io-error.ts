const IO_PROBLEMS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'no such file or directory'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['EISDIR', 'is a directory'],
  ['ENOTDIR', 'a part of the path is not a directory'],
  ['EMFILE', 'too many open files'],
  ['EPIPE', 'the reader closed the pipe'],
  ['EBADF', 'the file descriptor is closed'],
  ['Z_DATA_ERROR', 'not valid gzip data'],
  ['Z_BUF_ERROR', 'the gzip data is truncated'],
])

/**
 * A short, one-line description of a file-system, stream or gzip error, e.g.
 * `no such file or directory`, `gzip: not valid gzip data (incorrect header check)`.
 */
export function describeIoError(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')
  const problem = typeof code === 'string' ? IO_PROBLEMS.get(code) : undefined
  if (problem === undefined) return message
  return code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR'
    ? `gzip: ${problem} (${message})`
    : problem
}
