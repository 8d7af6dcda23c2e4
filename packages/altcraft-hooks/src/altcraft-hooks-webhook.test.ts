import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHookReceiver, type HandOn } from './__fixtures__/webhook-receiver.js'

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
const batch = fixture('documented-batch.json')
let close: (() => Promise<void>) | undefined

afterEach(async () => {
  await close?.()
  close = undefined
})

async function start(handOn: HandOn): Promise<string> {
  const server = createHookReceiver(handOn)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  close = () => new Promise((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

describe('the README webhook receiver', () => {
  it('answers 200 OK only after the normalized batch was handed on', async () => {
    const log: string[] = []
    const url = await start(async ({ events, rejections }) => {
      log.push(`handOn ${events.length} events ${rejections.length} rejections`)
      await new Promise((resolve) => setTimeout(resolve, 50))
      log.push('stored')
    })
    const response = await fetch(url, { method: 'POST', body: batch })
    log.push(`response ${response.status}`)
    expect(await response.text()).toBe('OK')
    expect(log).toEqual(['handOn 2 events 0 rejections', 'stored', 'response 200'])
  })

  it('hands on rejections with the events, and answers 500 when handing on fails', async () => {
    const seen: number[] = []
    const url = await start(async ({ events, rejections }) => {
      seen.push(events.length, rejections.length)
      throw new Error('database down')
    })
    const response = await fetch(url, {
      method: 'POST',
      body: '[{"event_type":"send"},{"event_type":"send","event_date":"2025-01-01T00:00:00Z"}]',
    })
    expect(response.status).toBe(500)
    expect(seen).toEqual([1, 1])
  })

  it('answers 400 for a body that is not a hook batch and 405 for other methods', async () => {
    const url = await start(async () => {
      throw new Error('must not be called')
    })
    const bad = await fetch(url, { method: 'POST', body: '{"event_type":' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/^altcraft\.hooks: cannot read the input as json/)
    expect((await fetch(url)).status).toBe(405)
  })

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(fixture('webhook-receiver.ts').trim())
  })
})
