import { createHash } from 'node:crypto'

const TRACKING = ['uopen', 'open', 'uclick', 'click', 'read', 'click_push', 'uclick_sms']
const MESSAGING = ['send', 'deliv', 'send_sms', 'deliv_push', 'suppress', 'complain']

function hex(seed: number, length: number): string {
  return createHash('sha256').update(String(seed)).digest('hex').slice(0, length)
}

function eventData(index: number, verb: string): Record<string, unknown> {
  const refs = {
    message_id: 17 + (index % 5),
    campaign_id: 973,
    segment_id: 0,
    resource_id: 3,
    launch_id: '00000017000003cd5a9bf01a',
    send_message_id: `5a9bf01a17_3cd_11_6f_0_2.${hex(index, 24)}`,
    full_message_id: `fQIQs4FgAAEBIcARAxDxAQAAEJECFQADuZJygDTgWXpQ_BVrkejVzu2bsMzQ3NDkxODlKR8-${hex(index, 6)}`,
    email_message_id: `mzi5c1~+9vqekqmy63mh8xhgt2qjwfkad6lmiafbyn-${hex(index, 12)}`,
    provider: '',
  }
  if (MESSAGING.includes(verb)) return refs
  if (verb === 'hbounce' || verb === 'sbounce') {
    return { ...refs, bounce_code: 550, bounce_message: 'No such user here' }
  }
  if (verb === 'undeliv')
    return { ...refs, undeliv_code: 400, undeliv_message: 'Invalid Caller ID' }
  return {
    ...refs,
    scampaign_id: 973,
    ip: `10.9.${index % 250}.14`,
    country: index % 2 === 0 ? '.ru' : '.uk',
    city: 'Moscow',
    postal_code: '101000',
    region: 'Moskovskaya oblast',
    tz: 'Europe/Moscow',
    lat: 55.244075,
    lon: 37.617635,
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:59.0) Gecko/20100101 Firefox/59.0',
    os: 'Linux x86_64',
    browser: 'Firefox 59.0',
    device: 'web',
    prev_st: index % 3,
    ...(verb.includes('click') ? { link_url: `https://shop.example/item/${index % 1000}` } : {}),
  }
}

/** Message `index` of the benchmark: a synthetic hook message of about 1,050 bytes, every documented envelope field set; deterministic. */
export function hookMessage(index: number): Record<string, unknown> {
  const verbs = [...TRACKING, ...MESSAGING, 'hbounce', 'sbounce', 'undeliv']
  const verb = verbs[index % verbs.length] as string
  const second = String(index % 60).padStart(2, '0')
  return {
    event_type: verb,
    event_date: `2025-03-30T01:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${second}.${String(index % 1_000_000_000).padStart(9, '0')}Z`,
    profile_id: hex(index, 24),
    _xxh: hex(index + 1, 16),
    _md5: hex(index + 2, 32),
    list_id: 12,
    account_id: 23,
    ...(index % 4 === 0 ? { sends_trying_num: 2 } : {}),
    is_test: false,
    is_static: false,
    subscription_hash_id: hex(index + 3, 13),
    custom_data: { email: `user${index}@example.org`, name: 'Ann' },
    event_data: eventData(index, verb),
    subscription: [
      {
        resource_id: 3,
        channel: 'email',
        email: `user${index}@example.org`,
        priority: 0,
        status: 'subscribed',
        ccsub: { custom_key: 'custom_value' },
      },
    ],
  }
}
