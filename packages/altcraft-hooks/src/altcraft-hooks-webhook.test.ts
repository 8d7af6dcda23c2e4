import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { CanonicalEvent, Rejection } from '@evnorm/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createHookReceiver, type HookReceiverOptions } from './__fixtures__/webhook-receiver.js'

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
const batch = fixture('documented-batch.json')
const DATE = '2025-01-01T00:00:00Z'
let close: (() => Promise<void>) | undefined

afterEach(async () => {
  await close?.()
  close = undefined
})

/** What the receiver handed on, dead-lettered and logged. */
interface Seen {
  batches: { events: readonly CanonicalEvent[]; rejections: readonly Rejection[] }[]
  letters: { body: string; reason: string }[]
  logged: string[]
}

async function start(options: Partial<HookReceiverOptions> = {}): Promise<[string, Seen]> {
  const seen: Seen = { batches: [], letters: [], logged: [] }
  const server = createHookReceiver({
    handOn: async (handed) => {
      seen.batches.push(handed)
    },
    deadLetter: async ({ body, reason }) => {
      seen.letters.push({ body: body.toString('utf8'), reason })
    },
    log: (message) => seen.logged.push(message),
    ...options,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  close = () => new Promise((resolve) => server.close(() => resolve()))
  return [`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen]
}

const post = (url: string, body: string) => fetch(url, { method: 'POST', body })

describe('the README webhook receiver', () => {
  it('answers 200 OK only after the normalized batch was handed on', async () => {
    const log: string[] = []
    const [url] = await start({
      handOn: async ({ events, rejections }) => {
        log.push(`handOn ${events.length} events ${rejections.length} rejections`)
        await new Promise((resolve) => setTimeout(resolve, 50))
        log.push('stored')
      },
    })
    const response = await post(url, batch)
    log.push(`response ${response.status}`)
    expect(await response.text()).toBe('OK')
    expect(log).toEqual(['handOn 2 events 0 rejections', 'stored', 'response 200'])
  })

  it('hands on rejections with the events, and answers 500 when handing on fails', async () => {
    const counts: number[] = []
    const [url, seen] = await start({
      handOn: async ({ events, rejections }) => {
        counts.push(events.length, rejections.length)
        throw new Error('database down')
      },
    })
    const response = await post(
      url,
      `[{"event_type":"send"},{"event_type":"send","event_date":"${DATE}"}]`,
    )
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('not stored, retry')
    expect(counts).toEqual([1, 1])
    expect(seen.logged).toEqual(['altcraft hook: batch not stored'])
  })

  it('keeps an unreadable body as a dead letter, then answers 400 with a fixed text', async () => {
    const [url, seen] = await start({
      handOn: async () => {
        throw new Error('must not be called')
      },
    })
    const body = '{"event_type":"hbounce","event_data":{"bounce_message":"250 OK"}'
    const bad = await post(url, body)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toBe('unreadable batch, kept as a dead letter')
    expect(seen.letters).toHaveLength(1)
    expect(seen.letters[0]?.body).toBe(body)
    expect(seen.letters[0]?.reason).toMatch(/^altcraft\.hooks: cannot read the input as json/)
    expect((await fetch(url)).status).toBe(405)
  })

  it('answers 500 when the dead letter cannot be stored', async () => {
    const [url] = await start({
      deadLetter: async () => {
        throw new Error('disk full')
      },
    })
    expect((await post(url, '<xml/>')).status).toBe(500)
  })

  // A failure answer that matched Altcraft's success regex (e.g. `.*OK.*`) would count an
  // unstored batch as delivered. A broken structure (the trailing comma) makes the body
  // unreadable: kept whole as a dead letter; one broken message is one `invalid_json`
  // rejection beside the others. Nothing may be lost either way.
  it.each([
    [
      'a trailing comma after a bounce saying "250 OK"',
      `[{"event_type":"send","event_date":"${DATE}"},{"event_type":"hbounce","event_date":"${DATE}","event_data":{"bounce_message":"250 OK"}},]`,
      400,
    ],
    [
      'one broken message between two good ones',
      `[{"event_type":"send","event_date":"${DATE}"},{"event_type":"deliv",,"OK":1},{"event_type":"deliv","event_date":"${DATE}"}]`,
      200,
    ],
  ])(
    '%s: stored with a rejection and 200, or kept whole as a dead letter without OK',
    async (_, body, status) => {
      const [url, seen] = await start()
      const response = await post(url, body)
      const text = await response.text()
      expect(response.status).toBe(status)
      if (response.status === 200) {
        expect(text).toBe('OK')
        expect(seen.letters).toEqual([])
        const [handed] = seen.batches
        expect(handed?.events.length).toBeGreaterThan(0)
        expect(handed?.rejections.map((rejection) => rejection.reason)).toContain('invalid_json')
      } else {
        expect(response.status).toBe(400)
        expect(text).not.toMatch(/ok/i)
        expect(seen.batches).toEqual([])
        expect(seen.letters.map((letter) => letter.body)).toEqual([body])
      }
    },
  )

  it('refuses a body above the size limit with 413 without handing anything on', async () => {
    const [url, seen] = await start({ maxBodyBytes: 1024 })
    const response = await post(
      url,
      `[${`{"event_type":"send","event_date":"${DATE}"},`.repeat(100)}{}]`,
    )
    expect(response.status).toBe(413)
    expect(await response.text()).toBe('batch too large')
    expect(seen.batches).toEqual([])
    expect(seen.logged).toEqual(['altcraft hook: body above 1024 bytes refused'])
  })

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(fixture('webhook-receiver.ts').trim())
  })
})
