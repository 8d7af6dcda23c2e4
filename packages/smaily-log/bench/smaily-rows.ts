const ACTIONS = [
  ['send', 40],
  ['view', 20],
  ['click', 10],
  ['bounce', 5],
  ['modify', 5],
  ['optin', 5],
  ['create', 5],
  ['optout', 5],
  ['delete', 3],
  ['complaint', 2],
] as const

function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296
  }
}

function valueFor(action: string, next: () => number): string {
  switch (action) {
    case 'view':
      return `Windows 10; Outlook 2019; 192.0.2.${Math.floor(next() * 250)}; EE`
    case 'click':
      return `https://shop.example.ee/p/${Math.floor(next() * 5000)}?utm_source=smaily`
    case 'bounce':
      return next() < 0.7 ? '550' : '421'
    case 'modify':
      return `name=Mari; city=Tartu; lang=et; points=${Math.floor(next() * 900)}`
    default:
      return ''
  }
}

/** The first `seq_id`: 2^54 + 1, the 17-digit id of Smaily's documented example rows, above 2^53. */
const FIRST_SEQ_ID = 18_014_398_509_481_985n

/**
 * `count` synthetic history.php rows in cursor mode (~193 bytes of JSON each), spread over
 * May 2025 in `seq_id` order, with a realistic mix of actions and values; deterministic.
 * `seq_id` is a 17-digit decimal string here (above 2^53, as Smaily's are): write the rows
 * with {@link historyJson} or {@link historyNdjson} to get them as bare JSON numbers.
 */
export function buildRows(count: number): Record<string, unknown>[] {
  const next = random(42)
  const start = Date.UTC(2025, 4, 1)
  const pick = (): string => {
    let left = next() * 100
    for (const [action, weight] of ACTIONS) {
      left -= weight
      if (left < 0) return action
    }
    return 'send'
  }
  return Array.from({ length: count }, (_, index) => {
    const action = pick()
    const local = new Date(start + Math.floor((index / count) * 29 * 86_400_000)).toISOString()
    const campaign = action === 'create' || action === 'modify' || action === 'optin'
    return {
      seq_id: (FIRST_SEQ_ID + BigInt(index)).toString(),
      email: `subscriber${Math.floor(next() * 50_000)}@example.ee`,
      time: `${local.slice(0, 10)} ${local.slice(11, 19)}`,
      campaign_id: campaign ? null : 900 + Math.floor(next() * 40),
      campaign_name: campaign ? null : 'Kevad / Spring offers',
      action,
      value: valueFor(action, next),
    }
  })
}

const QUOTED_SEQ_ID = /"seq_id":"(\d+)"/g

/** The text of one JSON value with every `seq_id` as a bare number, as Smaily sends it. */
function bareSeqIds(value: unknown): string {
  return JSON.stringify(value).replace(QUOTED_SEQ_ID, '"seq_id":$1')
}

/** The rows as a history.php response body: a JSON array, `seq_id`s as bare numbers. */
export function historyJson(rows: readonly Record<string, unknown>[]): string {
  return bareSeqIds(rows)
}

/** The rows as NDJSON, one row per line, `seq_id`s as bare numbers. */
export function historyNdjson(rows: readonly Record<string, unknown>[]): string {
  return `${rows.map(bareSeqIds).join('\n')}\n`
}
