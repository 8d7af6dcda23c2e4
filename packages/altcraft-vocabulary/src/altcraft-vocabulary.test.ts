import { describe, expect, it } from 'vitest'
import {
  ALTCRAFT_VERBS,
  altcraftSubscriptionStatus,
  altcraftVocabulary,
  canonicalAltcraftChannel,
} from './index.js'

describe('altcraftVocabulary', () => {
  it('maps each verb as ALTCRAFT_VERBS does, with the feed’s own description', () => {
    const [entry] = altcraftVocabulary([['hbounce', 'hard bounce']])
    expect(entry).toEqual({
      verb: 'hbounce',
      ...ALTCRAFT_VERBS.hbounce,
      description: 'hard bounce',
    })
    expect(Object.isFrozen(entry)).toBe(true)
  })

  it('refuses a verb it does not know', () => {
    expect(() => altcraftVocabulary([['__proto__', 'x']])).toThrow(/not an Altcraft verb/)
  })
})

describe('channels and statuses', () => {
  it('reads telegram_bot as telegram and anything unknown as other', () => {
    expect(canonicalAltcraftChannel('telegram_bot')).toBe('telegram')
    expect(canonicalAltcraftChannel('fax')).toBe('other')
  })

  it('reads status words and the API numbers, and nothing else', () => {
    expect(altcraftSubscriptionStatus('unsubscribed')).toBe('unsubscribed')
    expect(altcraftSubscriptionStatus(0)).toBe('subscribed')
    expect(altcraftSubscriptionStatus('0')).toBeUndefined()
    expect(altcraftSubscriptionStatus(1.5)).toBeUndefined()
    expect(altcraftSubscriptionStatus(-1)).toBeUndefined()
  })
})
