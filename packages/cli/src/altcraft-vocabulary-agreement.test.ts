import { ALTCRAFT_HISTORY_VOCABULARY, altcraftHistoryAdapter } from '@evnorm/altcraft-history'
import { ALTCRAFT_HOOKS_VOCABULARY, altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { type AnyAdapter, normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'

const hookVerbs = new Set(ALTCRAFT_HOOKS_VOCABULARY.map((entry) => entry.verb))
const sharedVerbs = ALTCRAFT_HISTORY_VOCABULARY.map((entry) => entry.verb).filter((verb) =>
  hookVerbs.has(verb),
)

function meaning(adapter: AnyAdapter, record: unknown) {
  const result = normalize(adapter, [record])
  if (!result.success) throw result.error
  const [event] = result.events
  return { type: event?.type, channel: event?.channel, details: event?.details }
}

function viaHistory(verb: string) {
  const record = {
    action: verb,
    datetime: '2025-10-26T01:30:12Z',
    channel: 'email',
    email: 'a@b.c',
  }
  return meaning(altcraftHistoryAdapter, record)
}

function viaHooks(verb: string) {
  const message = {
    event_type: verb,
    event_date: '2025-10-26T01:30:12Z',
    profile_id: '65aa0c1f2b3c4d5e6f708192',
    subscription: [{ resource_id: 3, channel: 'email', email: 'a@b.c' }],
    event_data: { resource_id: 3 },
  }
  return meaning(altcraftHooksAdapter, message)
}

describe('the Altcraft feeds share one vocabulary', () => {
  it('knows every history action as a hook verb too', () => {
    expect(sharedVerbs).toHaveLength(ALTCRAFT_HISTORY_VOCABULARY.length)
  })

  it.each(sharedVerbs)('maps %s to the same type, channel and details in both feeds', (verb) => {
    const history = viaHistory(verb)
    expect(history.type).toBeDefined()
    expect(viaHooks(verb)).toEqual(history)
  })
})
