import { normalizeRecords } from '@evnorm/core'
import { describe, expect, it } from 'vitest'
import { smailyLogAdapter } from './smaily-adapter.js'
import { readSmailyRow } from './smaily-row.js'

const ROW = {
  seq_id: 42,
  email: 'mari@example.ee',
  time: '2025-01-15 09:00:00',
  campaign_id: 77,
  campaign_name: 'Talv',
  action: 'send',
  value: '',
}

function rejection(record: unknown) {
  const batch = normalizeRecords(smailyLogAdapter, [record])
  expect(batch.counts.rejected).toBe(1)
  const { reason, path, message } = batch.rejections[0] ?? {}
  return { reason, path, message }
}

describe('readSmailyRow', () => {
  it('reads a row, with null and "" as absent', () => {
    expect(readSmailyRow({ ...ROW, campaign_id: null, campaign_name: '', value: '' })).toEqual({
      success: true,
      seqId: '42',
      email: 'mari@example.ee',
      time: '2025-01-15 09:00:00',
      campaignId: undefined,
      campaignName: undefined,
      action: 'send',
      value: undefined,
    })
  })

  it('reads seq_id null or absent as window mode, and a numeric value as text', () => {
    const { seq_id: _, ...windowRow } = ROW
    const read = readSmailyRow({ ...windowRow, value: 550 })
    expect(read.success && read.seqId).toBeUndefined()
    expect(read.success && read.value).toBe('550')
    const nullSeq = readSmailyRow({ ...ROW, seq_id: null })
    expect(nullSeq.success && nullSeq.seqId).toBeUndefined()
  })

  it('keeps an action or time with spaces around it verbatim (it is not blank)', () => {
    const read = readSmailyRow({ ...ROW, action: ' send ', time: ' 2025-01-15 09:00:00' })
    expect(read.success && [read.action, read.time]).toEqual([' send ', ' 2025-01-15 09:00:00'])
  })

  it('ignores keys it does not know', () => {
    expect(readSmailyRow({ ...ROW, section_id: 3 }).success).toBe(true)
  })
})

describe('rejections', () => {
  it.each([
    [null, 'not_an_object', [], 'the record is null; expected a Smaily row object'],
    [[ROW], 'not_an_object', [], 'the record is an array; expected a Smaily row object'],
    ['row', 'not_an_object', [], "the record is a string ('row'); expected a Smaily row object"],
  ])('%j is not a row', (record, reason, path, message) => {
    expect(rejection(record)).toEqual({ reason, path, message })
  })

  it.each([
    [
      'action',
      undefined,
      'missing_field',
      'action is missing; expected the action name (a string)',
    ],
    ['action', null, 'missing_field', 'action is null; expected the action name (a string)'],
    ['action', '', 'missing_field', 'action is empty; expected the action name (a string)'],
    ['action', '   ', 'missing_field', 'action is blank; expected the action name (a string)'],
    ['action', '\u00a0\t', 'missing_field', 'action is blank; expected the action name (a string)'],
    ['action', 7, 'invalid_field', 'action is a number (7); expected the action name (a string)'],
    [
      'email',
      undefined,
      'missing_field',
      "email is missing; expected the subscriber's email address (a string)",
    ],
    [
      'email',
      { at: 1 },
      'invalid_field',
      "email is an object; expected the subscriber's email address (a string)",
    ],
    [
      'time',
      undefined,
      'missing_field',
      'time is missing; expected a YYYY-MM-DD HH:MM:SS local time (a string)',
    ],
    [
      'time',
      '',
      'missing_field',
      'time is empty; expected a YYYY-MM-DD HH:MM:SS local time (a string)',
    ],
    [
      'time',
      '      ',
      'missing_field',
      'time is blank; expected a YYYY-MM-DD HH:MM:SS local time (a string)',
    ],
    [
      'time',
      1621252800,
      'invalid_field',
      'time is a number (1621252800); expected a YYYY-MM-DD HH:MM:SS local time (a string)',
    ],
    [
      'campaign_name',
      true,
      'invalid_field',
      'campaign_name is a boolean (true); expected a string or null',
    ],
    ['value', ['a'], 'invalid_field', 'value is an array; expected a string or null'],
  ])('%s = %j', (field, value, reason, message) => {
    const record: Record<string, unknown> = { ...ROW }
    if (value === undefined) delete record[field]
    else record[field] = value
    expect(rejection(record)).toEqual({ reason, path: [field], message })
  })

  it.each([
    [
      Number('9007199254740993'),
      'imprecise_integer',
      /seq_id 9007199254740992 is above 2\^53 and was already rounded by JSON.parse; pass the response text/,
    ],
    [Number('18446744073709551615'), 'imprecise_integer', /above 2\^53/],
    [
      -1,
      'invalid_field',
      /^seq_id is -1; expected an unsigned 64-bit integer \(0 to 18446744073709551615\)$/,
    ],
    [1.5, 'invalid_field', /^seq_id is 1.5; expected/],
    [
      '18446744073709551616',
      'invalid_field',
      /^seq_id is 18446744073709551616 \(an integer beyond 2\^53, or a string of digits\); expected/,
    ],
    ['12a', 'invalid_field', /^seq_id is a string \('12a'\); expected/],
    ['-3', 'invalid_field', /^seq_id is a string \('-3'\); expected/],
    [{}, 'invalid_field', /^seq_id is an object; expected/],
    [true, 'invalid_field', /^seq_id is a boolean \(true\); expected/],
    ['', 'invalid_field', /^seq_id is a string \(''\); expected an unsigned 64-bit integer/],
  ])('seq_id %j', (seqId, reason, message) => {
    const result = rejection({ ...ROW, seq_id: seqId })
    expect(result.reason).toBe(reason)
    expect(result.path).toEqual(['seq_id'])
    expect(result.message).toMatch(message)
  })

  it('reads an empty campaign_id as absent, unlike an empty seq_id', () => {
    const read = readSmailyRow({ ...ROW, campaign_id: '' })
    expect(read.success && read.campaignId).toBeUndefined()
  })

  it('checks campaign_id like seq_id', () => {
    expect(rejection({ ...ROW, campaign_id: 'abc' })).toEqual({
      reason: 'invalid_field',
      path: ['campaign_id'],
      message:
        "campaign_id is a string ('abc'); expected an unsigned 64-bit integer (0 to 18446744073709551615)",
    })
    expect(rejection({ ...ROW, campaign_id: 2 ** 60 }).reason).toBe('imprecise_integer')
  })

  it.each([
    ['2025-13-01 00:00:00', 'month 13 is out of range 01-12'],
    ['2025-02-29 10:00:00', 'day 29 does not exist in 2025-02'],
    ['2025-01-01 24:00:00', 'hour 24 is out of range 00-23'],
    ['2025-01-01 10:60:00', 'minute 60 is out of range 00-59'],
    ['2025-01-01 10:00:60', 'second 60 is a leap second, which cannot be represented'],
    ['2025-01-01T10:00:00', 'expected exactly YYYY-MM-DD HH:MM:SS'],
    [
      '2025-01-01 10:00:00+02:00',
      'unexpected text at position 19, a local time has no offset or zone',
    ],
    ['2025-01-01 10:00:00.5', 'expected exactly YYYY-MM-DD HH:MM:SS'],
    ['17.05.2021 14:05', 'expected a four-digit year at position 0'],
  ])('time %j is invalid_time', (time, problem) => {
    expect(rejection({ ...ROW, time })).toEqual({
      reason: 'invalid_time',
      path: ['time'],
      message: `time '${time}' is not a valid YYYY-MM-DD HH:MM:SS local time: ${problem}`,
    })
  })

  it('cuts long values in messages to 80 characters', () => {
    const { message } = rejection({ ...ROW, time: 'x'.repeat(500) })
    expect(message).toContain(`'${'x'.repeat(80)}…'`)
    expect(message?.length).toBeLessThan(200)
  })
})
