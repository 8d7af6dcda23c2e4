const ACTIONS = [
  'send',
  'deliv',
  'open',
  'read',
  'click',
  'click',
  'open',
  'unsubscribe_email',
  'hbounce',
]

function hex(seed: number, length: number): string {
  let text = ''
  let state = seed >>> 0 || 1
  while (text.length < length) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    text += (state >>> 8).toString(16).padStart(6, '0')
  }
  return text.slice(0, length)
}

function subscription(index: number, n: number) {
  return {
    resource_id: 5 + n,
    resource_name: `resource ${n}`,
    channel: 'email',
    email: `sub${n}.user${index}@yandex.ru`,
    priority: 0,
    status: 'subscribed',
    custom_fields: { _device_type: n === 1 ? 'other' : 'mob' },
    cats: [],
  }
}

/** Record `index` of the benchmark: ~1 KB in the current EN shape (event_id, subscription, two subscriptions). */
export function historyRecord(index: number) {
  return {
    xxh: hex(index * 2 + 1, 16),
    profile_id: hex(index * 2 + 2, 24),
    email: `user${index}@example.com`,
    list_id: 66,
    action: ACTIONS[index % ACTIONS.length] as string,
    count: index % 5 === 0 ? 2 : 1,
    datetime: new Date(Date.UTC(2024, 8, 27) + index * 1_013).toISOString(),
    message_id: 5 + (index % 7),
    campaign_id: 137,
    event_id: hex(index * 3 + 7, 24),
    smid: `uBAhiRBRQhARg7y489hr5F2b2aXMJaztFS7v${hex(index, 13)}`,
    campaign_name: 'New astral mailing',
    message_name: 'testing',
    subscription: subscription(index, 1),
    channel: 'email',
    subscriptions: [subscription(index, 1), subscription(index, 2)],
  }
}

/** The records as Altcraft's JSON response envelope. */
export function jsonDocument(records: readonly unknown[]): string {
  return JSON.stringify({ data: records, error: 0, error_text: 'Successful operation' })
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

function xmlElement(name: string, value: unknown): string {
  if (Array.isArray(value)) {
    const child = name === 'subscriptions' ? 'subscription' : 'item'
    if (value.length === 0) return `<${name}/>`
    return `<${name}>${value.map((item) => xmlElement(child, item)).join('')}</${name}>`
  }
  if (typeof value === 'object' && value !== null) {
    const children = Object.entries(value).map(([key, child]) => xmlElement(key, child))
    return `<${name}>${children.join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** The records as Altcraft's XML response (`<xml><data><item>…`). */
export function xmlDocument(records: readonly unknown[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><xml>${xmlElement('data', records)}<error>0</error><error_text>Successful operation</error_text></xml>`
}
