import { expect, it } from 'vitest'
import { describePostgres } from '../../postgres/src/postgres.test-helpers.js'
import { exampleEventCount, EXAMPLES as examples, runInProcess } from './cli.test-helpers.js'

/** The URL with its password replaced, and a search_path option selecting `schema`. */
function withSchema(url: string, schema: string, password?: string): string {
  const target = new URL(url)
  if (password !== undefined) target.password = password
  target.searchParams.set('options', `-c search_path=${schema}`)
  return target.toString()
}

describePostgres('evnorm load --to postgres://', (postgres) => {
  it('loads the examples once, however often it runs, and never prints the password', async () => {
    const schema = await postgres.freshSchema()
    const to = withSchema(postgres.url, schema)
    const password = new URL(postgres.url).password
    const events = await exampleEventCount()
    const first = await runInProcess(['load', '--to', to, examples])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(
      new RegExp(`loaded into postgres://[^:@]+@.*: ${events} events inserted, 0 already present`),
    )
    const second = await runInProcess(['load', '--json-summary', '--to', to, examples])
    expect(JSON.parse(second.stderr).load).toMatchObject({ inserted: 0, present: events })
    expect(first.stderr + second.stderr).not.toContain(`:${password}@`)
    expect(
      await postgres.query(
        `select count(*)::int as events, count(distinct id)::int as ids from "${schema}".evnorm_events`,
      ),
    ).toEqual([{ events, ids: events }])
  })

  it('refuses a wrong password with exit 2, naming the target without any password', async () => {
    const schema = await postgres.freshSchema()
    const run = await runInProcess([
      'load',
      '--to',
      withSchema(postgres.url, schema, 'not-the-password-x9'),
      examples,
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^evnorm: postgres:\/\/[^:@]+@127\.0\.0\.1:\d+\/\w+.*: /)
    expect(run.stderr).not.toContain('not-the-password-x9')
    expect(
      await postgres.query(
        `select count(*)::int as tables from information_schema.tables where table_schema = $1`,
        [schema],
      ),
    ).toEqual([{ tables: 0 }])
  })

  it('fails fast with exit 2 when nothing listens on the port', async () => {
    const run = await runInProcess([
      'load',
      '--to',
      'postgres://evnorm:secret@127.0.0.1:9/evnorm',
      examples,
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^evnorm: postgres:\/\/evnorm@127\.0\.0\.1:9\/evnorm: /)
    expect(run.stderr).not.toContain('secret')
  })
})
