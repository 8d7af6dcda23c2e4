import { normalize, UnreadableInputError } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { detectCsvDelimiter, parseAltcraftHistoryCsv } from './altcraft-history-csv.js'
import { createAltcraftHistoryAdapter } from './index.js'

const adapter = createAltcraftHistoryAdapter({ includeSubscriptions: true })

function read(text: string) {
  const result = normalize(adapter, text, { format: 'csv' })
  if (!result.success) throw result.error
  expect(result.format).toBe('csv')
  return result
}

describe('CSV dialect', () => {
  it('detects , or ; from the header row, ignoring quoted text and later rows', () => {
    expect(detectCsvDelimiter('action,datetime,count\r\na;b;c;d')).toBe(',')
    expect(detectCsvDelimiter('action;datetime;count\na,b,c,d')).toBe(';')
    expect(detectCsvDelimiter('"a,b,c";datetime;count')).toBe(';')
    expect(detectCsvDelimiter('action')).toBe(',')
  })

  it('reads comma and semicolon files with quoted cells to the same events', () => {
    const comma =
      'action,datetime,campaign_name,count\r\nsend,2024-09-27T15:52:57Z,"Sale, ""big"" one",2\r\n'
    const semicolon =
      'action;datetime;campaign_name;count\nsend;2024-09-27T15:52:57Z;"Sale, ""big"" one";2\n'
    const [event] = read(comma).events
    expect(event).toMatchObject({
      type: 'message.sent',
      count: 2,
      campaign: { name: 'Sale, "big" one' },
    })
    expect(read(semicolon).events).toEqual(read(comma).events)
    const detected = normalize(adapter, semicolon)
    expect(detected.success && detected.format).toBe('csv')
  })

  it('reads quoted cells spanning lines, and trims header names', () => {
    const [event] = read(
      'action , datetime ,campaign_name\nsend,2024-09-27T15:52:57Z,"two\nlines"\n',
    ).events
    expect(event?.campaign?.name).toBe('two\nlines')
  })

  it('reads empty cells as absent and integer cells as numbers', () => {
    const [event] = read(
      'action,datetime,message_id,campaign_id,smid,list_id,count\nsend,2024-09-27T15:52:57Z,,0,,66,\n',
    ).events
    expect(event).not.toHaveProperty('message')
    expect(event).not.toHaveProperty('campaign')
    expect(event).toMatchObject({ count: 1, recipient: { listId: '66' } })
  })

  it('parses the JSON cells (subscriptions, fields, subscription)', () => {
    const subscriptions = JSON.stringify([{ channel: 'email', email: 'a@b.c', cats: [] }])
    const subscription = JSON.stringify({ channel: 'sms', phone: '+79000000000', priority: 0 })
    const fields = '{"city":"Tallinn","big":18446744073709551615}'
    const cell = (json: string) => `"${json.replaceAll('"', '""')}"`
    const text = `action;datetime;subscriptions;subscription;fields\nsend_sms;2024-09-27T15:52:57Z;${cell(subscriptions)};${cell(subscription)};${cell(fields)}\n`
    const [event] = read(text).events
    expect(event?.profileSubscriptions).toEqual([
      { channel: 'email', email: 'a@b.c', categories: [] },
    ])
    expect(event?.subscription).toEqual({ channel: 'sms', phone: '+79000000000', priority: 0 })
    expect(event?.recipient?.fields).toEqual({ city: 'Tallinn', big: '18446744073709551615' })
  })

  it('rejects a record whose JSON cell does not parse, naming the row and the cell', () => {
    const text =
      'action,datetime,subscriptions\nsend,2024-09-27T15:52:57Z,[]\nopen,2024-09-27T15:52:58Z,"[{""channel"": "\nclick,2024-09-27T15:52:59Z,\n'
    const result = read(text)
    expect(result.events.map((event) => event.source.verb)).toEqual(['send', 'click'])
    expect(result.rejections).toHaveLength(1)
    const [rejection] = result.rejections
    expect(rejection).toMatchObject({
      reason: 'invalid_field',
      path: ['subscriptions'],
      locator: 'row 3',
      index: 1,
    })
    expect(rejection?.message).toMatch(/^row 3, cell 'subscriptions': expected JSON/)
    expect(rejection?.raw).toEqual({
      action: 'open',
      datetime: '2024-09-27T15:52:58Z',
      subscriptions: '[{"channel": ',
    })
  })

  it('rejects a row with more cells than the header names, keeps shorter rows', () => {
    const result = read('action,datetime\nsend,2024-09-27T15:52:57Z,extra\nopen\n')
    expect(result.rejections.map((rejection) => [rejection.locator, rejection.reason])).toEqual([
      ['row 2', 'invalid_field'],
      ['row 3', 'missing_field'],
    ])
    expect(result.rejections[0]?.message).toMatch(/has 3 cells but the header names 2 columns/)
  })

  it('numbers rows as a spreadsheet does: blank lines count, a quoted newline does not', () => {
    const text = 'action,datetime\n\nsend,bad\n   \n\nopen,"2024-09-27\nT"\r\n\r\nclick,never\n\n'
    const result = read(text)
    expect(result.counts.records).toBe(3)
    expect(result.rejections.map((rejection) => rejection.locator)).toEqual([
      'row 3',
      'row 6',
      'row 8',
    ])
  })

  it('finds the header after leading blank lines and numbers the rows after it', () => {
    const result = read('\n\naction,datetime\nsend,bad\n')
    expect(result.rejections.map((rejection) => rejection.locator)).toEqual(['row 4'])
    const semicolons = read('\n \naction;datetime\nsend;bad\n')
    expect(semicolons.rejections).toMatchObject([{ locator: 'row 4', reason: 'invalid_time' }])
    expect(parseAltcraftHistoryCsv('\n\n\n')).toMatchObject({ success: false })
  })

  it('keeps quotes inside unquoted cells and trims unquoted cells', () => {
    const text =
      'action;datetime;subscription;campaign_name\n' +
      'send; 2024-09-27T15:52:57Z ;{"channel":"sms","phone":"+79000000000"}; say "hi" \n' +
      'open;2024-09-27T15:52:58Z;;" padded "\n'
    const result = read(text)
    expect(result.rejections).toEqual([])
    expect(result.events[0]).toMatchObject({
      subscription: { channel: 'sms', phone: '+79000000000' },
      campaign: { name: 'say "hi"' },
    })
    expect(result.events[1]?.campaign?.name).toBe(' padded ')
  })

  it('checks the subscriptions cell only when subscriptions are read', () => {
    const text = 'action,datetime,subscriptions\nsend,2024-09-27T15:52:57Z,"[{""channel"": "\n'
    const without = normalize(createAltcraftHistoryAdapter(), text, { format: 'csv' })
    expect(without.success && without.events.length).toBe(1)
    expect(read(text).rejections[0]).toMatchObject({ path: ['subscriptions'], locator: 'row 2' })
  })

  it('refuses a header that names a column twice, and rejects a row of only delimiters', () => {
    const result = normalize(adapter, 'action,datetime,action\nsend,2024-09-27T15:52:57Z,open\n', {
      format: 'csv',
    })
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(UnreadableInputError.isInstance(result.error)).toBe(true)
      expect(result.error.message).toMatch(/column 'action' twice \(columns 1 and 3\)/)
    }
    expect(read('action,datetime,,\nsend,2024-09-27T15:52:57Z,,\n').events).toHaveLength(1)
    expect(read('action,datetime\n,\n').rejections[0]).toMatchObject({
      reason: 'missing_field',
      locator: 'row 2',
    })
  })

  it('reads a header-only file as no records, and refuses an unclosed quote', () => {
    expect(read('action,datetime\n').counts.records).toBe(0)
    const result = normalize(adapter, 'action,datetime\nsend,"2024-09-27T15:52:57Z\n', {
      format: 'csv',
    })
    expect(result.success).toBe(false)
    if (!result.success) expect(UnreadableInputError.isInstance(result.error)).toBe(true)
  })

  it('keeps reserved names as plain columns', () => {
    const result = read('action,datetime,__proto__,constructor\nsend,2024-09-27T15:52:57Z,x,y\n')
    expect(result.events).toHaveLength(1)
    expect(({} as { x?: unknown }).x).toBeUndefined()
  })
})
