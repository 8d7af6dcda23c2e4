import type { IncomingMessage } from 'node:http'

/** What reading a request body gave. */
export type BodyRead =
  | { readonly outcome: 'complete'; readonly body: Buffer }
  /** Larger than allowed (by its `Content-Length` or by what arrived). */
  | { readonly outcome: 413 }
  /** Not complete in time. */
  | { readonly outcome: 408 }
  /** The client went away. */
  | { readonly outcome: 'aborted' }

/**
 * Reads a request body of at most `maxBytes`, which must be complete within `timeoutMs` of the
 * call. Stops reading at the first problem.
 */
export function readBody(
  request: IncomingMessage,
  maxBytes: number,
  timeoutMs: number,
): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ outcome: 413 })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (read: BodyRead) => {
      clearTimeout(timer)
      request.off('data', onData)
      request.off('end', onEnd)
      request.off('close', onClose)
      resolve(read)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) return finish({ outcome: 413 })
      chunks.push(chunk)
    }
    const onEnd = () => finish({ outcome: 'complete', body: Buffer.concat(chunks, size) })
    const onClose = () => finish({ outcome: 'aborted' })
    const timer = setTimeout(() => finish({ outcome: 408 }), timeoutMs)
    request.on('data', onData)
    request.on('end', onEnd)
    request.on('close', onClose)
  })
}
