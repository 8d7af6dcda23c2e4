import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseLines, runInProcess } from './cli.test-helpers.js'

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))
const KEY = 'cli-test-key-do-not-print-0123456789'
const env = { EVNORM_HASH_KEY: KEY }
const hooks = `${examples}altcraft-hooks-batch.json`

describe('--personal and --hash-key-env', () => {
  it('hashes every class of normalize output, says so in the summary, and never prints the key', async () => {
    const run = await runInProcess(
      [
        'normalize',
        hooks,
        '--personal',
        'all=hash,geo=drop',
        '--hash-key-env',
        'EVNORM_HASH_KEY',
        '--include-raw',
      ],
      { env },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/ann@example\.org|bob@example\.org/i)
    expect(run.stdout).toContain('hmac-sha256:')
    expect(run.stderr).toContain(
      'personal data: dropped geo; hashed email, phone, ip, user_agent, profile, raw',
    )
    expect(run.stdout + run.stderr).not.toContain(KEY)
  })

  it('keeps ids, and with every class kept gives the output of a run without the option', async () => {
    const plain = await runInProcess(['normalize', hooks, '-q'])
    const kept = await runInProcess(['normalize', hooks, '-q', '--personal', 'all=keep'])
    expect(kept.stdout).toBe(plain.stdout)
    const hashed = await runInProcess(
      ['normalize', hooks, '-q', '--personal', 'email=hash', '--hash-key-env', 'EVNORM_HASH_KEY'],
      { env },
    )
    const ids = (text: string) => parseLines(text).map((event) => (event as { id: string }).id)
    expect(ids(hashed.stdout)).toEqual(ids(plain.stdout))
  })

  it('puts the actions in the JSON summary', async () => {
    const run = await runInProcess(['normalize', hooks, '--json-summary', '--personal', 'raw=drop'])
    expect(JSON.parse(run.stderr).privacy).toMatchObject({ raw: 'drop', email: 'keep' })
  })

  it.each([
    [['--personal', 'email=hash'], /--hash-key-env NAME/],
    [['--personal', 'email=hash', '--hash-key-env', 'UNSET_VARIABLE'], /UNSET_VARIABLE is not set/],
    [['--personal', 'email=hash', '--hash-key-env', 'SHORT'], /shorter than 16 bytes/],
    [['--personal', 'mail=hash'], /--personal 'mail=hash'/],
    [['--personal', 'email=scramble'], /ACTION keep, drop or hash/],
    [['--personal', 'email=drop,email=hash'], /names email twice/],
    [['--hash-key-env', 'EVNORM_HASH_KEY'], /is for --personal/],
  ])('exits 2 for %j', async (flags, problem) => {
    for (const command of [
      ['normalize', hooks],
      ['load', hooks, '--to', 'parquet:/nonexistent/x'],
    ]) {
      const run = await runInProcess([...command, ...flags], { env: { ...env, SHORT: 'short' } })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(problem)
      expect(run.stderr).not.toContain(KEY)
    }
  })

  it('is refused without a key by sync, serve and consume too, before anything is opened', async () => {
    const flags = [
      '--personal',
      'all=hash',
      '--hash-key-env',
      'UNSET_VARIABLE',
      '--to',
      'parquet:/nonexistent/x',
    ]
    for (const command of [
      ['serve', 'altcraft-hooks', '--spool', '/nonexistent/spool'],
      ['consume', 'altcraft-hooks', '--amqp', 'amqp://127.0.0.1:1', '--queue', 'q'],
      ['sync', 'smaily'],
    ]) {
      const run = await runInProcess([...command, ...flags], {
        env: { SMAILY_SUBDOMAIN: 'acme', SMAILY_USERNAME: 'u', SMAILY_PASSWORD: 'p' },
      })
      expect(run.code, command.join(' ')).toBe(2)
      expect(run.stderr, command.join(' ')).toMatch(/UNSET_VARIABLE is not set/)
    }
  })
})
