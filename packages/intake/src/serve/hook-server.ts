import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Adapter } from '@evnorm/core'
import type { Sink } from '@evnorm/core/sink'
import { bearerMatches } from './bearer-token.js'
import { IntakeMetrics } from './intake-metrics.js'
import { isJsonContentType } from './json-content-type.js'
import { type BodyRead, readBody } from './read-body.js'
import { Spool } from './spool.js'
import { SpoolLoader } from './spool-loader.js'

/** Options of {@link startHookServer}. */
export interface HookServerOptions {
  /** The adapter that reads the bodies, e.g. `altcraftHooksAdapter`. */
  readonly adapter: Adapter
  /** Where the loader writes; the caller opens and closes it. */
  readonly sink: Sink
  /** The spool directory (created when missing); bodies a crash left there are loaded first. */
  readonly spool: string
  /** Interface to listen on (default `127.0.0.1`). */
  readonly host?: string
  /** Port (default 8080; 0 picks a free one). */
  readonly port?: number
  /** The path hooks are posted to (default `/hooks`). */
  readonly path?: string
  /** When set, requests need `Authorization: Bearer <token>`; others get 401. */
  readonly token?: string
  /** Bodies above this many bytes get 413 (default 16 MiB). */
  readonly maxBodyBytes?: number
  /** A body not complete this long after its request began gets 408 (default 30 s). */
  readonly bodyTimeoutMs?: number
  /** A spool segment is closed for loading at this size (default 64 MiB). */
  readonly segmentBytes?: number
  /** Records (events and rejections) per sink unit (default 10,000). */
  readonly unitRecords?: number
  /** Waits before writing a refused unit again: first and longest (default 500 ms, 30 s). */
  readonly retryMs?: { readonly initial: number; readonly max: number }
  /** The origin stored with rejections (default `http:<path>`). */
  readonly origin?: string
  /** Where problems are reported (default: nowhere). */
  readonly log?: (message: string) => void
}

/** A running hook server; see {@link startHookServer}. */
export interface HookServer {
  /** The hook endpoint, e.g. `http://127.0.0.1:8080/hooks`. */
  readonly url: string
  /** The port it listens on. */
  readonly port: number
  /** Its counters. */
  readonly metrics: IntakeMetrics
  /** The `GET /metrics` page. */
  metricsText(): string
  /**
   * Graceful stop: no new connections or requests (503), requests in flight finish, the spool
   * is drained into the sink. Rejects when the sink refuses the rest (it stays in the spool).
   */
  stop(): Promise<void>
}

/** Texts of the answers. None but the 200's contains "OK", whatever the case. */
const ANSWERS = {
  200: 'OK\n',
  400: 'unreadable batch, kept as a dead letter\n',
  401: 'missing or wrong bearer token\n',
  404: 'not found\n',
  405: 'method not allowed: POST a JSON batch\n',
  408: 'request body too slow\n',
  413: 'batch too large\n',
  415: 'unsupported media type: send application/json\n',
  500: 'not stored, retry\n',
  503: 'not stored, spool unavailable, retry later\n',
} as const

type Status = keyof typeof ANSWERS

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EROFS'])

/**
 * Starts an HTTP receiver for pushed JSON batches (Altcraft's "HTTP POST JSON batch" action
 * hook): each accepted body is appended to the spool and synced to disk before the answer
 * `200 OK`, and a background loader normalizes spooled bodies and writes them to the sink.
 * Answers: 401 bad token, 405 not POST, 415 not JSON, 413 too large, 408 too slow, 400
 * unreadable (kept under `dead-letters/`), 503 spool disk full or stopping, 500 other storage
 * failures. `GET /healthz` and `GET /metrics` (Prometheus text) are served beside the hook path.
 */
export async function startHookServer(options: HookServerOptions): Promise<HookServer> {
  const path = options.path ?? '/hooks'
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 30_000
  const log = options.log ?? (() => undefined)
  const metrics = new IntakeMetrics()
  const spool = await Spool.open(options.spool, options.segmentBytes ?? 64 * 1024 * 1024)
  const loader = new SpoolLoader({
    spool,
    sink: options.sink,
    adapter: options.adapter,
    origin: options.origin ?? `http:${path}`,
    metrics,
    unitRecords: options.unitRecords ?? 10_000,
    retryMs: options.retryMs ?? { initial: 500, max: 30_000 },
    log,
  })
  const metricsText = () => metrics.render(spool.backlog())
  const inFlight = new Set<Promise<void>>()
  let stopping = false

  const reply = (
    response: ServerResponse,
    status: Status,
    headers: Record<string, string> = {},
  ) => {
    metrics.countRequest(status)
    if (stopping) headers.connection = 'close'
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
    response.end(ANSWERS[status])
  }

  const refuse = (request: IncomingMessage, response: ServerResponse, status: Status) => {
    reply(response, status, { connection: 'close' })
    request.resume()
    setTimeout(() => request.socket.destroy(), 1000).unref()
  }

  const accept = async (request: IncomingMessage, response: ServerResponse) => {
    if (stopping) return reply(response, 503)
    if (
      options.token !== undefined &&
      !bearerMatches(request.headers.authorization, options.token)
    ) {
      return refuse(request, response, 401)
    }
    if (!isJsonContentType(request.headers['content-type'])) return refuse(request, response, 415)
    const read: BodyRead = await readBody(request, maxBodyBytes, bodyTimeoutMs)
    if (read.outcome === 'aborted') return
    if (read.outcome !== 'complete') return refuse(request, response, read.outcome)
    const { body } = read
    try {
      const parsed = options.adapter.parse(body)
      if (!parsed.success) {
        const letter = await spool.deadLetter(body, parsed.error.message)
        metrics.deadLetters += 1
        log(`unreadable body kept as dead letter ${letter}: ${parsed.error.message}`)
        return reply(response, 400)
      }
      await spool.append(body)
      metrics.bodiesSpooled += 1
      metrics.bytesSpooled += body.length
      loader.notify()
      reply(response, 200)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      log(`body not stored: ${(error as Error).message}`)
      reply(response, typeof code === 'string' && DISK_FULL.has(code) ? 503 : 500)
    }
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const [requestPath] = (request.url ?? '/').split('?')
    if (requestPath === path) {
      if (request.method !== 'POST') return refuse(request, response, 405)
      return accept(request, response)
    }
    if (request.method === 'GET' && requestPath === '/healthz') {
      response.writeHead(stopping ? 503 : 200, { 'content-type': 'text/plain; charset=utf-8' })
      response.end(stopping ? 'stopping\n' : 'healthy\n')
      return
    }
    if (request.method === 'GET' && requestPath === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      response.end(metricsText())
      return
    }
    refuse(request, response, 404)
  }

  const server = createServer({ requestTimeout: 0 }, (request, response) => {
    const done = handle(request, response).catch((error: unknown) => {
      log(`request failed: ${(error as Error).message}`)
      if (!response.headersSent) reply(response, 500)
    })
    inFlight.add(done)
    void done.finally(() => inFlight.delete(done))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  loader.start()
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let stopped: Promise<void> | undefined
  return {
    url: `http://${host}:${address.port}${path}`,
    port: address.port,
    metrics,
    metricsText,
    stop() {
      stopped ??= (async () => {
        stopping = true
        const closed = new Promise((resolve) => server.close(resolve))
        server.closeIdleConnections()
        while (inFlight.size > 0) await Promise.all(inFlight)
        server.closeAllConnections()
        await closed
        await loader.drain()
        await spool.close()
      })()
      return stopped
    },
  }
}
