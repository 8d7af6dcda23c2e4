import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/** A transport fault any vendor emulator can inject. */
export type TransportFault =
  /** Answers with this HTTP status (429 for a rate-limit burst, 500, 503…) and no data. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** Answers correctly, but only after `delayMs`. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Closes the connection without answering. */
  | { readonly kind: 'reset' }
  /** Sends the status and the first half of the correct body, then ends the response. */
  | { readonly kind: 'truncate' }

/** A fault and the requests it hits: the `at`-th (from 1) and the `times − 1` after it. */
export type ScheduledFault<F> = F & {
  /** The first request it hits, counting every request from 1. */
  readonly at: number
  /** How many requests in a row it hits (default 1). */
  readonly times?: number
}

/** A request the emulator received (never its headers: they hold credentials). */
export interface ReceivedRequest {
  readonly method: string
  /** Path and query. */
  readonly path: string
  /** When it arrived, in ms since the epoch (with a fraction). */
  readonly at: number
  /** The fault it met, if any. */
  readonly fault?: string
}

/** A request handed to a vendor emulator's answer function. */
export interface EmulatorRequest {
  readonly method: string
  readonly url: URL
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

/** What the vendor would answer. */
export interface EmulatorAnswer {
  readonly status: number
  readonly body: string
  readonly contentType?: string
}

/** A running emulator. */
export interface EmulatorServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** Every request so far, in arrival order. */
  readonly requests: readonly ReceivedRequest[]
  /** Stops the server and drops its connections. */
  close(): Promise<void>
}

/** Options of {@link startEmulatorServer}. */
export interface EmulatorServerOptions<F extends { readonly kind: string }> {
  /** Transport faults, and the vendor's own (handed to `answer`). */
  readonly faults?: readonly ScheduledFault<TransportFault | F>[]
  /** The vendor's answer to a request, given the vendor fault scheduled for it, if any. */
  readonly answer: (request: EmulatorRequest, fault: F | undefined) => EmulatorAnswer
}

const TRANSPORT_KINDS = new Set(['status', 'slow', 'reset', 'truncate'])

/**
 * Starts a `node:http` server on 127.0.0.1 (a free port) that answers through `answer` and
 * injects the scheduled faults, for vendor emulators (`@evnorm/smaily-log/testing`, …).
 */
export async function startEmulatorServer<F extends { readonly kind: string }>(
  options: EmulatorServerOptions<F>,
): Promise<EmulatorServer> {
  const requests: ReceivedRequest[] = []
  const faultAt = (number: number) =>
    options.faults?.find((fault) => number >= fault.at && number < fault.at + (fault.times ?? 1))
  const server = createServer((request, response) => {
    const number = requests.length + 1
    const fault = faultAt(number)
    requests.push({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      at: performance.timeOrigin + performance.now(),
      ...(fault === undefined ? {} : { fault: fault.kind }),
    })
    void handle(request, response, fault).catch(() => response.destroy())
  })
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse,
    fault: ScheduledFault<TransportFault | F> | undefined,
  ) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const transport =
      fault && TRANSPORT_KINDS.has(fault.kind) ? (fault as TransportFault) : undefined
    if (transport?.kind === 'reset') {
      request.socket.destroy()
      return
    }
    if (transport?.kind === 'status') {
      response.writeHead(transport.status, {
        'content-type': 'text/html; charset=UTF-8',
        ...(transport.retryAfterSeconds === undefined
          ? {}
          : { 'retry-after': String(transport.retryAfterSeconds) }),
      })
      response.end(`<html><body>${transport.status}</body></html>`)
      return
    }
    if (transport?.kind === 'slow') await sleep(transport.delayMs)
    const answer = options.answer(
      {
        method: request.method ?? 'GET',
        url: new URL(request.url ?? '/', 'http://127.0.0.1'),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      },
      fault && !TRANSPORT_KINDS.has(fault.kind) ? (fault as F) : undefined,
    )
    const headers = { 'content-type': answer.contentType ?? 'application/json; charset=UTF-8' }
    if (transport?.kind === 'truncate') {
      response.writeHead(answer.status, headers)
      response.end(answer.body.slice(0, Math.floor(answer.body.length / 2)))
      return
    }
    response.writeHead(answer.status, {
      ...headers,
      'content-length': String(Buffer.byteLength(answer.body)),
    })
    response.end(answer.body)
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
