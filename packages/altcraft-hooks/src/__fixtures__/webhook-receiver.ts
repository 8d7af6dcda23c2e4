import { createServer, type Server } from 'node:http'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { type CanonicalEvent, normalize, type Rejection } from '@evnorm/core'

/** Your code: store events and rejections durably; resolve only once they are safe. */
export type HandOn = (batch: {
  events: readonly CanonicalEvent[]
  rejections: readonly Rejection[]
}) => Promise<void>

const MAX_BODY_BYTES = 64 * 1024 * 1024

/**
 * An endpoint for Altcraft's "HTTP POST JSON batch" action hook. It answers 200 with `OK`
 * (matches the default success regex `.*OK.*`) only after the whole batch is normalized and
 * `handOn` resolved; otherwise Altcraft sees a failure.
 */
export function createHookReceiver(handOn: HandOn): Server {
  return createServer(async (request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end()
      return
    }
    try {
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > MAX_BODY_BYTES) {
          response.writeHead(413).end('batch too large')
          return
        }
        chunks.push(chunk)
      }
      const result = normalize(altcraftHooksAdapter, Buffer.concat(chunks))
      if (!result.success) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(result.error.message)
        return
      }
      await handOn({ events: result.events, rejections: result.rejections })
      response.writeHead(200, { 'content-type': 'text/plain' }).end('OK')
    } catch {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('not stored, retry')
    }
  })
}

// createHookReceiver(async ({ events, rejections }) => { /* upsert by event.id */ }).listen(8080)
