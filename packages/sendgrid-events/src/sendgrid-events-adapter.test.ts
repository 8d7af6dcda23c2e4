import { readFileSync } from 'node:fs'
import { normalize } from '@evnorm/core'
import { eventId } from '@evnorm/core/adapter'
import { describe, expect, it } from 'vitest'
import { sendgridEventsAdapter } from './index.js'
import { sendgridDropReason } from './sendgrid-drop-reason.js'

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')

function eventsOf(records: unknown[]) {
  const result = normalize(sendgridEventsAdapter, records)
  if (!result.success) throw result.error
  return result
}

const bounce = {
  email: 'ann@example.org',
  timestamp: 1700000000,
  event: 'bounce',
  type: 'blocked',
  status: '5.7.1',
  reason: '550 blocked',
}

describe('sendgrid-events', () => {
  it('maps the webhook batch of every event type as reviewed', () => {
    const result = normalize(sendgridEventsAdapter, fixture('webhook-batch.json'))
    expect(result.success && result.rejections).toEqual([])
    expect(JSON.parse(JSON.stringify(result.success && result.events))).toEqual(
      JSON.parse(fixture('webhook-batch.events.json')),
    )
  })

  it('takes the id from sg_event_id, so a redelivered event keeps its id', () => {
    const event = { ...bounce, sg_event_id: 'abc==' }
    const { events } = eventsOf([event, { ...event }])
    expect(events.map((e) => e.id)).toEqual([
      eventId('sendgrid.events', ['abc==']),
      eventId('sendgrid.events', ['abc==']),
    ])
    expect(events[0]?.source).toMatchObject({ idBasis: 'vendor', recordId: 'abc==' })
  })

  it('derives the id from the content without sg_event_id; an identical event is the same one', () => {
    const { events } = eventsOf([bounce, { ...bounce }, { ...bounce, timestamp: 1700000001 }])
    expect(events[0]?.source.idBasis).toBe('content')
    expect(events[1]?.id).toBe(events[0]?.id)
    expect(events[2]?.id).not.toBe(events[0]?.id)
    expect(events[0]?.id).toBe(
      eventId('sendgrid.events', [
        'bounce',
        '1700000000',
        undefined,
        'ann@example.org',
        undefined,
        'blocked',
        undefined,
        undefined,
      ]),
    )
  })

  it('reads bounce type bounce as hard and blocked as soft, keeping the vendor word in extra', () => {
    const [hard, soft] = eventsOf([{ ...bounce, type: 'bounce' }, bounce]).events
    expect(hard?.details).toMatchObject({ class: 'hard', code: '5.7.1', codeKind: 'smtp' })
    expect(soft).toMatchObject({ details: { class: 'soft' }, extra: { type: 'blocked' } })
  })

  it('maps drop reasons and keeps the vendor text', () => {
    expect(sendgridDropReason('Bounced Address')).toBe('bounced_address')
    expect(sendgridDropReason('Unsubscribed Address')).toBe('unsubscribed')
    expect(sendgridDropReason('Spam Reporting Address')).toBe('spam_reported')
    expect(sendgridDropReason('Invalid')).toBe('invalid_address')
    expect(sendgridDropReason('Invalid SMTPAPI header')).toBe('other')
    expect(sendgridDropReason('Recipient List over Package Quota')).toBe('sending_policy')
    expect(sendgridDropReason(undefined)).toBe('other')
  })

  it('rejects an event without a usable timestamp or event name, naming the field', () => {
    const { rejections } = eventsOf([
      { event: 'open', email: 'a@b.c' },
      { event: 'open', email: 'a@b.c', timestamp: 'yesterday' },
      { email: 'a@b.c', timestamp: 1 },
      { event: 'open', email: 'a@b.c', timestamp: 1, sg_machine_open: 'yes' },
    ])
    expect(rejections.map((r) => [r.reason, r.message])).toEqual([
      ['missing_field', 'timestamp is missing; expected Unix seconds'],
      ['invalid_field', "timestamp is a string ('yesterday'); expected Unix seconds"],
      ['missing_field', 'event is missing; expected the event name'],
      ['invalid_field', "sg_machine_open is a string ('yes'); expected a boolean"],
    ])
  })
})
