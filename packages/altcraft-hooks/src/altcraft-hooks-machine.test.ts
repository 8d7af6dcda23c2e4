import { normalize } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { altcraftHooksAdapter } from './index.js'

const PROXY =
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)'

function detailsOf(eventType: string, userAgent: string) {
  const message = {
    event_type: eventType,
    event_date: '2025-03-30T01:31:05Z',
    profile_id: '65aa0c1f2b3c4d5e6f708192',
    event_data: { message_id: 41, user_agent: userAgent, link_url: 'https://shop.example/x' },
  }
  const result = normalize(altcraftHooksAdapter, [message])
  if (!result.success) throw result.error
  return result.events[0]?.details
}

describe('machine opens and clicks', () => {
  it.each(['open', 'uopen', 'click', 'uclick'])(
    'marks %s by a known mail proxy as machine',
    (verb) => {
      expect(detailsOf(verb, PROXY)).toMatchObject({ machine: true })
    },
  )

  it('leaves machine unknown for an ordinary user agent', () => {
    expect(detailsOf('open', 'Mozilla/5.0 (X11; Linux x86_64)')).not.toHaveProperty('machine')
  })
})
