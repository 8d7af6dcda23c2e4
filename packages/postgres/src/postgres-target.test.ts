import { describe, expect, it } from 'vitest'
import { describeFailure, postgresTarget } from './postgres-target.js'

describe('postgresTarget', () => {
  it('removes the password from the user part and the parameters', () => {
    expect(postgresTarget('postgres://evnorm:s3cr%40t@127.0.0.1:54329/evnorm')).toBe(
      'postgres://evnorm@127.0.0.1:54329/evnorm',
    )
    expect(
      postgresTarget('postgres://u@db.example/x?sslmode=require&password=p&sslpassword=q'),
    ).toBe('postgres://u@db.example/x?sslmode=require')
  })

  it('removes the password from a URL that is not a WHATWG URL', () => {
    expect(postgresTarget('postgres://u:p/w@/db?host=/run/postgresql&password=p')).toBe(
      'postgres://u@/db?host=/run/postgresql',
    )
  })
})

describe('describeFailure', () => {
  it('gives the message and code, or the codes of an aggregate error', () => {
    expect(describeFailure(Object.assign(new Error('refused'), { code: '28P01' }))).toBe(
      'refused (28P01)',
    )
    const aggregate = new AggregateError([
      Object.assign(new Error('connect ECONNREFUSED ::1:1'), { code: 'ECONNREFUSED' }),
    ])
    expect(describeFailure(aggregate)).toBe('connect ECONNREFUSED ::1:1 (ECONNREFUSED)')
  })
})
