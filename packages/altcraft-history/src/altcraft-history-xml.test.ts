import { normalize, UnreadableInputError, VendorErrorEnvelopeError } from '@evnorm/core'
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { createAltcraftHistoryAdapter } from './index.js'

const adapter = createAltcraftHistoryAdapter({ includeSubscriptions: true })

function xml(
  items: string,
  tail = '<error>0</error><error_text>Successful operation</error_text>',
): string {
  return `<?xml version="1.0" encoding="UTF-8"?><xml><data>${items}</data>${tail}</xml>`
}

const ITEM = '<action>send</action><datetime>2024-09-27T15:52:57.004Z</datetime>'

function read(text: string) {
  const result = normalize(adapter, text)
  if (!result.success) throw result.error
  expect(result.format).toBe('xml')
  return result
}

function refused(text: string) {
  const result = normalize(adapter, text)
  if (result.success) throw new Error('expected the XML to be refused')
  expect(UnreadableInputError.isInstance(result.error)).toBe(true)
  return result.error
}

describe('XML arrays and objects', () => {
  it('reads one <item> as a one-record array, and one <subscription> in <subscriptions> as a list', () => {
    const result = read(
      xml(
        `<item>${ITEM}<subscription><channel>email</channel><resource_id>5</resource_id></subscription>` +
          '<subscriptions><subscription><channel>sms</channel><phone>+79000000000</phone></subscription></subscriptions></item>',
      ),
    )
    expect(result.events).toHaveLength(1)
    const [event] = result.events
    expect(event?.subscription).toEqual({ channel: 'email', resourceId: '5' })
    expect(event?.profileSubscriptions).toEqual([{ channel: 'sms', phone: '+79000000000' }])
  })

  it('reads a <subscriptions> or <data> that holds the fields directly as one element', () => {
    const sms = '<channel>sms</channel><phone>+79000000000</phone>'
    const [event] = read(xml(`<item>${ITEM}<subscriptions>${sms}</subscriptions></item>`)).events
    expect(event?.profileSubscriptions).toEqual([{ channel: 'sms', phone: '+79000000000' }])
    const [siblings] = read(
      xml(
        `<item>${ITEM}<subscriptions>${sms}</subscriptions><subscriptions><channel>email</channel></subscriptions></item>`,
      ),
    ).events
    expect(siblings?.profileSubscriptions).toEqual([
      { channel: 'sms', phone: '+79000000000' },
      { channel: 'email' },
    ])
    const bare = read(
      '<xml><data><action>open</action><datetime>2024-09-27T15:52:57Z</datetime></data></xml>',
    )
    expect(bare.events.map((one) => one.type)).toEqual(['message.opened'])
  })

  it('reads <cats/>, <subscriptions/>, <custom_fields/> and <data/> as empty', () => {
    const result = read(
      xml(
        `<item>${ITEM}<subscription><channel>email</channel><cats/><custom_fields/></subscription><subscriptions/><fields/></item>`,
      ),
    )
    const [event] = result.events
    expect(event?.subscription).toEqual({ channel: 'email', categories: [] })
    expect(event?.profileSubscriptions).toEqual([])
    expect(event?.recipient).toBeUndefined()
    expect(read(xml('')).counts.records).toBe(0)
  })

  it('reads categories written as child elements of any name, or as repeated <cats> siblings', () => {
    for (const cats of [
      '<cats><item>news</item><item>sales</item></cats>',
      '<cats>news</cats><cats>sales</cats>',
      '<cats><cat>news</cat><cat>sales</cat></cats>',
    ]) {
      const [event] = read(
        xml(`<item>${ITEM}<subscription><channel>email</channel>${cats}</subscription></item>`),
      ).events
      expect(event?.subscription?.categories).toEqual(['news', 'sales'])
    }
    const [single] = read(
      xml(
        `<item>${ITEM}<subscription><channel>email</channel><cats><item>news</item></cats></subscription></item>`,
      ),
    ).events
    expect(single?.subscription?.categories).toEqual(['news'])
  })

  it('reads arrays of any length (more elements than fit in a call stack of arguments)', () => {
    const elements = 160_000
    const items = read(xml('<item/>'.repeat(elements)))
    expect(items.counts.records).toBe(elements)
    const cats = '<cat>a</cat>'.repeat(elements)
    const [event] = read(
      xml(
        `<item>${ITEM}<subscription><channel>email</channel><cats>${cats}</cats></subscription></item>`,
      ),
    ).events
    expect(event?.subscription?.categories).toHaveLength(elements)
  })

  it('turns integer text into the JSON types and keeps free-form values as text', () => {
    const [event] = read(
      xml(
        `<item>${ITEM}<count>3</count><list_id>66</list_id><message_id>0</message_id><campaign_id>18446744073709551615</campaign_id>` +
          '<subscription><channel>telegram_bot</channel><priority>10</priority><cc_data><id>42</id></cc_data>' +
          '<custom_fields><age>31</age></custom_fields></subscription><fields><zip>00501</zip></fields></item>',
      ),
    ).events
    expect(event).toMatchObject({
      count: 3,
      recipient: { listId: '66', fields: { zip: '00501' } },
      campaign: { id: '18446744073709551615' },
    })
    expect(event).not.toHaveProperty('message')
    expect(event?.subscription).toEqual({
      channel: 'telegram',
      priority: 10,
      chatId: '42',
      customFields: { age: '31' },
    })
  })

  it('reads every empty element as absent (XML cannot tell empty from absent)', () => {
    const empty =
      '<count/><priority/><list_id/><message_id></message_id><campaign_id/><channel/><smid/>' +
      '<subscription><channel/><resource_id/><priority/><status/><cc_data><id/></cc_data></subscription>'
    const [event] = read(xml(`<item>${ITEM}${empty}</item>`)).events
    expect(event).toMatchObject({ count: 1, channel: 'email', subscription: { channel: 'other' } })
    expect(event?.subscription).toEqual({ channel: 'other' })
    expect(event).not.toHaveProperty('recipient')
    expect(event).not.toHaveProperty('message')
    const [missing] = read(
      xml('<item><action/><datetime>2024-09-27T15:52:57Z</datetime></item>'),
    ).rejections
    expect(missing).toMatchObject({ reason: 'missing_field', path: ['action'] })
  })

  it('reads integer text as JSON.parse reads the number (1.0, 5.0), and 00 as the zero sentinel', () => {
    const record = { action: 'send', datetime: '2024-09-27T15:52:57Z' }
    const json = normalize(adapter, JSON.stringify({ ...record, message_id: '00', count: 1.0 }))
    const [event] = read(
      xml(
        `<item>${ITEM}<count>2.0</count><message_id>5.0</message_id><campaign_id>00</campaign_id><list_id>0042</list_id></item>`,
      ),
    ).events
    expect(event).toMatchObject({ count: 2, message: { id: '5' }, recipient: { listId: '0042' } })
    expect(event).not.toHaveProperty('campaign')
    expect(json.success && json.events[0]).not.toHaveProperty('message')
  })

  it('reads a status number written as JSON.parse would read it (1.0, 1e0) in JSON and XML alike', () => {
    const subscription = (status: unknown) => ({ resource_id: 3, channel: 'email', status })
    const record = { action: 'send', datetime: '2024-09-27T15:52:57Z' }
    const statusOf = (text: string) => {
      const result = normalize(adapter, text)
      return result.success ? result.events[0]?.subscription : undefined
    }
    for (const status of ['1.0', '1e0', '1']) {
      const fromXml = statusOf(
        xml(
          `<item>${ITEM}<subscription><resource_id>3</resource_id><channel>email</channel><status>${status}</status></subscription></item>`,
        ),
      )
      expect(fromXml).toMatchObject({ status: 'unsubscribed' })
      expect(
        statusOf(
          `{"data":[${JSON.stringify({ ...record, subscription: subscription(0) }).replace('"status":0', `"status":${status}`)}],"error":0}`,
        ),
      ).toEqual(fromXml)
    }
    expect(
      statusOf(
        xml(
          `<item>${ITEM}<subscription><channel>email</channel><status>01</status></subscription></item>`,
        ),
      ),
    ).toMatchObject({ statusRaw: '01' })
  })

  it('rejects a record whose integer field is not an integer, naming it', () => {
    const result = read(xml(`<item>${ITEM}<count>many</count></item>`))
    expect(result.rejections[0]).toMatchObject({
      reason: 'invalid_field',
      path: ['count'],
      locator: '/xml/data/item[1]',
    })
  })

  it('decodes entities and character references, keeps CDATA verbatim', () => {
    const [event] = read(
      xml(
        `<item>${ITEM}<campaign_name>Tom &amp; Jerry &#x263A; &#65;</campaign_name><message_name><![CDATA[<b>&amp;</b>]]></message_name></item>`,
      ),
    ).events
    expect(event?.campaign?.name).toBe('Tom & Jerry ☺ A')
    expect(event?.message?.name).toBe('<b>&amp;</b>')
  })

  it('keeps field names JavaScript reserves (constructor, __proto__, toString)', () => {
    const [event] = read(
      xml(
        `<item>${ITEM}<fields><constructor>c</constructor><__proto__>p</__proto__><toString>t</toString></fields></item>`,
      ),
    ).events
    const fields = event?.recipient?.fields ?? {}
    expect(Object.keys(fields)).toEqual(['constructor', '__proto__', 'toString'])
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
  })

  it('reads channel 0 as absent (A11: XML renders some channels as 0)', () => {
    const [event] = read(
      xml(
        `<item><action>suppress</action><datetime>2024-09-27T15:52:57Z</datetime><channel>0</channel></item>`,
      ),
    ).events
    expect(event?.channel).toBe('other')
    expect(event?.source).not.toHaveProperty('channel')
  })

  it('turns an XML error envelope into a typed error', () => {
    const result = normalize(
      adapter,
      '<xml><error>401</error><error_text>API token required</error_text></xml>',
    )
    expect(result.success).toBe(false)
    if (result.success) return
    expect(VendorErrorEnvelopeError.isInstance(result.error)).toBe(true)
    expect(result.error).toMatchObject({ code: '401', vendorMessage: 'API token required' })
  })
})

/** Markup that hides or reveals a DOCTYPE depending on how comments, PIs, quotes and CDATA are split. */
const XML_TRAPS = [
  '<!DOCTYPE xml [<!ENTITY a "AAAA">]>',
  '<?x <!-- ?>',
  '<?x "?>" ?>',
  "<?x ' ?>",
  '<!-- <?x -->',
  '<![CDATA[ <!-- ]]>',
  '<v a="<!--"/>',
  "<v a='?>'/>",
  '<v a="]]>"/>',
  '<!-- -->',
  '-->',
  ']]>',
  '?>',
  '"',
  "'",
]

describe('XML that is refused', () => {
  it('refuses any DOCTYPE (entity expansion), but not the word inside CDATA or comments', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' +
      xml(`<item>${ITEM}<campaign_name>&c;</campaign_name></item>`).replace(/^<\?xml[^>]*\?>/, '')
    expect(refused(laughs).message).toMatch(
      /DOCTYPE declarations \(and any other <! declaration\) are refused/,
    )
    expect(refused('<!doctype xml SYSTEM "file:///etc/passwd"><xml><data/></xml>').message).toMatch(
      /DOCTYPE/,
    )
    const [event] = read(
      xml(
        `<!-- <!DOCTYPE x> --><item>${ITEM}<campaign_name><![CDATA[<!DOCTYPE html>]]></campaign_name></item>`,
      ),
    ).events
    expect(event?.campaign?.name).toBe('<!DOCTYPE html>')
  })

  it('refuses a DOCTYPE hidden behind markup that only looks like a comment, anywhere in the document', () => {
    const doctype = '<!DOCTYPE xml [<!ENTITY a "AAAA">]>'
    const item = `<item>${ITEM}<campaign_name>&a;</campaign_name></item>`
    for (const text of [
      `<?x <!-- ?>${doctype}<xml><data>${item}</data></xml><!-- -->`,
      `<?x a="?>" <!-- ?>${doctype}<xml><data>${item}</data></xml><!-- -->`,
      `<xml><v a="<!--"/>${doctype}<data>${item}</data><w b="-->"/></xml>`,
      `<xml>${doctype}<data>${item}</data></xml>`,
      `<xml><![CDATA[ ]]>${doctype}<data>${item}</data></xml>`,
      `<xml><data>${item}</data></xml>${doctype}`,
      `<!doctype xml><xml><data>${item}</data></xml>`,
      `<xml><!ENTITY a "AAAA"><data>${item}</data></xml>`,
    ]) {
      expect(refused(text).message).toMatch(/DOCTYPE declarations/)
    }
  })

  test.prop([fc.array(fc.constantFrom(...XML_TRAPS), { maxLength: 5 }), fc.nat()], {
    numRuns: 2000,
  })(
    'never reads a document with a DOCTYPE entity expanded, whatever markup surrounds it',
    (fragments, split) => {
      const at = split % (fragments.length + 1)
      const text =
        `${fragments.slice(0, at).join('')}<xml>${fragments.slice(at).join('')}` +
        `<data><item>${ITEM}<campaign_name>&a;</campaign_name></item></data></xml>`
      const result = normalize(adapter, text, { format: 'xml' })
      if (result.success) expect(JSON.stringify(result.events)).not.toContain('AAAA')
    },
  )

  it('reads the word DOCTYPE inside processing instructions and attribute values', () => {
    const [event] = read(
      `<?x <!DOCTYPE y> ?><xml><data><item a="<!DOCTYPE z>">${ITEM}<campaign_name>n</campaign_name></item></data></xml>`,
    ).events
    expect(event?.campaign?.name).toBe('n')
  })

  it('refuses truncated or malformed documents with the position, rather than reading part of them', () => {
    const full = xml(`<item>${ITEM}</item><item>${ITEM}</item>`)
    const truncated = refused(full.slice(0, full.lastIndexOf('<item>') + 20))
    expect(truncated.message).toMatch(/cannot read the input as xml at line 1, column \d+/)
    refused(xml(`<item>${ITEM}</itm>`))
    refused('<xml><data><item><a>1</a></item></data></xml')
  })

  it('refuses a document without the <xml> root or its envelope elements', () => {
    expect(refused('<response><data/></response>').message).toMatch(/root element <xml>/)
    expect(refused('<xml><records/></xml>').message).toMatch(/<data>, <error> or <error_text>/)
  })

  it('bounds nesting depth instead of recursing without limit', () => {
    const deep = `${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`
    const error = refused(xml(`<item>${ITEM}<fields>${deep}</fields></item>`))
    expect(error.message).toMatch(/nests elements deeper than 64 levels, the XML nesting limit/)
  })
})
