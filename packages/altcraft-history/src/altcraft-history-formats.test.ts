import { normalize, normalizeStream } from '@evnorm/core'
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { historyRecord } from './altcraft-history-arbitraries.test-helpers.js'
import { renderCsv, renderJson, renderXml } from './altcraft-history-render.test-helpers.js'
import { ALTCRAFT_HISTORY_VOCABULARY, createAltcraftHistoryAdapter } from './index.js'

const adapter = createAltcraftHistoryAdapter({ includeSubscriptions: true })
const verb = fc.oneof(
  fc.constantFrom(...ALTCRAFT_HISTORY_VOCABULARY.map((entry) => entry.verb)),
  fc.constant('web_version_save'),
)
const records = fc.array(verb.chain(historyRecord), { minLength: 1, maxLength: 5 })

function eventsOf(text: string, format: 'json' | 'ndjson' | 'xml' | 'csv') {
  const result = normalize(adapter, text, { format })
  if (!result.success) throw result.error
  expect(result.rejections).toEqual([])
  return result.events
}

describe('the same records in every format give the same events', () => {
  test.prop([records, fc.constantFrom('item', 'siblings' as const), fc.boolean()])(
    'JSON and XML (one-element and empty arrays, either category style, pretty or not)',
    (batch, arrays, pretty) => {
      const json = eventsOf(renderJson(batch), 'json')
      expect(json).toHaveLength(batch.length)
      expect(eventsOf(renderXml(batch, { arrays, pretty }), 'xml')).toEqual(json)
    },
  )

  it('reads numbers in text fields as XML does (status, channel 0, phone, chat id, 00)', () => {
    const record = {
      action: 'send_sms',
      datetime: '2024-09-27T15:52:57Z',
      message_id: '00',
      count: 1.0,
      subscription: { channel: 0, status: 7, phone: 79001234567, cc_data: { id: 1.5 } },
      subscriptions: [{ channel: 'telegram_bot', status: 3, cc_data: { id: -100123 } }],
    }
    const [event] = eventsOf(renderJson([record]), 'json')
    expect(event).toMatchObject({
      subscription: { channel: 'other', statusRaw: '7', phone: '79001234567', chatId: '1.5' },
      profileSubscriptions: [{ channel: 'telegram', status: 'hardbounced', chatId: '-100123' }],
    })
    expect(event).not.toHaveProperty('message')
    expect(event?.subscription).not.toHaveProperty('channelRaw')
    expect(eventsOf(renderXml([record]), 'xml')).toEqual([event])
    expect(eventsOf(renderCsv([record]), 'csv')).toEqual([event])
  })

  test.prop([records, fc.constantFrom(',', ';' as const)])(
    'JSON and CSV (either delimiter, JSON cells)',
    (batch, delimiter) => {
      expect(eventsOf(renderCsv(batch, delimiter), 'csv')).toEqual(
        eventsOf(renderJson(batch), 'json'),
      )
    },
  )

  test.prop([records])('JSON envelope and NDJSON of the records', (batch) => {
    const ndjson = batch.map((record) => JSON.stringify(record)).join('\n')
    expect(eventsOf(ndjson, 'ndjson')).toEqual(eventsOf(renderJson(batch), 'json'))
  })
})

describe('an envelope that repeats its data key', () => {
  const record = (email: string) =>
    JSON.stringify({ action: 'open', datetime: '2024-09-27T15:52:57Z', email })
  const xmlRecord = (email: string) =>
    `<item><action>open</action><datetime>2024-09-27T15:52:57Z</datetime><email>${email}</email></item>`

  it('gives the records of every data array, in batch, in the stream and in XML', async () => {
    for (const [json, xml, emails] of [
      [
        `{"data":[${record('a@x.ru')},${record('b@x.ru')}],"error":0,"data":[]}`,
        `<xml><data>${xmlRecord('a@x.ru')}${xmlRecord('b@x.ru')}</data><error>0</error><data></data></xml>`,
        ['a@x.ru', 'b@x.ru'],
      ],
      [
        `{"data":[${record('a@x.ru')}],"data":[${record('b@x.ru')},${record('c@x.ru')}]}`,
        `<xml><data>${xmlRecord('a@x.ru')}</data><data>${xmlRecord('b@x.ru')}${xmlRecord('c@x.ru')}</data></xml>`,
        ['a@x.ru', 'b@x.ru', 'c@x.ru'],
      ],
    ] as const) {
      const events = eventsOf(json, 'json')
      expect(events.map((event) => event.recipient?.email)).toEqual(emails)
      const streamed = []
      for await (const item of normalizeStream(adapter, [json])) {
        if (!item.success) throw item.error
        streamed.push(...item.events)
      }
      expect(streamed).toEqual(events)
      expect(eventsOf(xml, 'xml').map((event) => event.recipient?.email)).toEqual(emails)
    }
  })
})
