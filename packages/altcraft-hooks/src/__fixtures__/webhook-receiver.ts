import { createServer, type Server } from 'node:http'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { type CanonicalEvent, normalize, type Rejection } from '@evnorm/core'

/** What the receiver needs from you; each callback resolves only once its data is stored. */
export interface HookReceiverOptions {
  /** Store the events and rejections of a readable body durably (upsert on `event.id`). */
  handOn(batch: {
    events: readonly CanonicalEvent[]
    rejections: readonly Rejection[]
  }): Promise<void>
  /** Store a body that could not be read at all, as received, with the reason. */
  deadLetter(letter: { body: Buffer; reason: string }): Promise<void>
  /** Bodies above this many bytes are refused with 413 (default 64 MiB). */
  maxBodyBytes?: number
  /** Where failures are reported (default `console.error`). */
  log?: (message: string, error?: unknown) => void
}

/**
 * An endpoint for Altcraft's "HTTP POST JSON batch" action hook. It answers 200 `OK` only
 * after the whole batch is normalized and `handOn` resolved; an unreadable body is handed to
 * `deadLetter` before the 400. Any other failure is a 413 or 500 that Altcraft sees as one.
 */
export function createHookReceiver(options: HookReceiverOptions): Server {
  const { handOn, deadLetter, maxBodyBytes = 64 * 1024 * 1024, log = console.error } = options
  return createServer(async (request, response) => {
    // Fixed texts: none but the 200 contains "OK", so a success regex like .*OK.* cannot match.
    const reply = (status: number, text: string) =>
      response.writeHead(status, { 'content-type': 'text/plain' }).end(text)
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end()
      return
    }
    try {
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of request as AsyncIterable<Buffer>) {
        size += chunk.length
        if (size > maxBodyBytes) {
          log(`altcraft hook: body above ${maxBodyBytes} bytes refused`)
          reply(413, 'batch too large')
          return
        }
        chunks.push(chunk)
      }
      const body = Buffer.concat(chunks)
      const result = normalize(altcraftHooksAdapter, body)
      if (!result.success) {
        log('altcraft hook: unreadable body', result.error)
        await deadLetter({ body, reason: result.error.message })
        reply(400, 'unreadable batch, kept as a dead letter')
        return
      }
      await handOn({ events: result.events, rejections: result.rejections })
      reply(200, 'OK')
    } catch (error) {
      log('altcraft hook: batch not stored', error)
      reply(500, 'not stored, retry')
    }
  })
}

// createHookReceiver({ handOn: async ({ events, rejections }) => { /* upsert by event.id */ },
//   deadLetter: async ({ body, reason }) => { /* keep the bytes */ } }).listen(8080)
