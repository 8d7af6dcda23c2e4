import {
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { altcraftHistoryAdapter } from '@evnorm/altcraft-history'
import { altcraftHooksAdapter } from '@evnorm/altcraft-hooks'
import { type AnyAdapter, findEventProblem, normalize } from '@evnorm/core'
import { sendgridEventsAdapter } from '@evnorm/sendgrid-events'
import { smailyLogAdapter } from '@evnorm/smaily-log'
import { describe, expect, it } from 'vitest'
import { parseLines, runInProcess } from './cli.test-helpers.js'
import { PROGRESS_MIN_BYTES } from './progress-bar.js'
import { runCli } from './run-cli.js'
import { SOURCE_NAMES, SOURCES } from './sources.js'

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url))
const example = (name: string) => join(examples, name)
const fixture = (name: string) => join(fixtures, name)
const scratch = () => mkdtempSync(join(tmpdir(), 'evnorm-cli-'))

const EXAMPLES: readonly [string, AnyAdapter][] = [
  ['altcraft-history.json', altcraftHistoryAdapter],
  ['altcraft-history.xml', altcraftHistoryAdapter],
  ['altcraft-history.csv', altcraftHistoryAdapter],
  ['altcraft-hooks-batch.json', altcraftHooksAdapter],
  ['sendgrid-events.json', sendgridEventsAdapter],
  ['smaily-cursor-page.json', smailyLogAdapter],
]

function expectedEvents(adapter: AnyAdapter, path: string): unknown[] {
  const result = normalize(adapter, readFileSync(path, 'utf8'))
  if (!result.success) throw result.error
  return JSON.parse(JSON.stringify(result.events)) as unknown[]
}

describe('evnorm --help, --version, usage errors', () => {
  it('prints the version of the package', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    expect(await runInProcess(['--version'])).toEqual({
      code: 0,
      stdout: `${manifest.version}\n`,
      stderr: '',
    })
  })

  it('prints help on stdout', async () => {
    const general = await runInProcess(['--help'])
    expect(general.code).toBe(0)
    for (const command of ['normalize', 'schema', 'vocabulary', 'sources'])
      expect(general.stdout).toContain(`evnorm ${command}`)
    const normalizeHelp = await runInProcess(['normalize', '--help'])
    for (const option of [
      '--source',
      '--format',
      '--out',
      '--rejects',
      '--strict',
      '--quiet',
      '--json-summary',
    ]) {
      expect(normalizeHelp.stdout).toContain(option)
    }
  })

  it.each([
    [['frobnicate']],
    [['normalize', '--source', 'nope']],
    [['normalize', '--bogus']],
    [['vocabulary', '--format', 'html']],
  ])('answers %j with exit 2 and one line on stderr', async (argv) => {
    const run = await runInProcess(argv)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^evnorm: [^\n]+\n$/)
  })
})

describe('evnorm schema, sources, vocabulary', () => {
  it('prints the JSON Schema published by core', async () => {
    const run = await runInProcess(['schema'])
    const published = readFileSync(
      new URL('../../core/schema/evnorm.event.v1.schema.json', import.meta.url),
      'utf8',
    )
    expect(run).toEqual({ code: 0, stdout: published, stderr: '' })
    expect(JSON.parse(run.stdout)).toMatchObject({ title: 'evnorm canonical event' })
  })

  it('lists every registered feed with their feed ids and formats', async () => {
    const run = await runInProcess(['sources'])
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(SOURCE_NAMES.length + 1)
    for (const name of SOURCE_NAMES) {
      const { adapter, packageName } = SOURCES[name]
      const line = lines.find((candidate) => candidate.startsWith(`${name} `))
      expect(line).toContain(` ${adapter.feed} `)
      expect(line).toContain(` ${packageName} `)
      expect(line).toContain(` ${adapter.formats.join(',')} `)
      expect(line).toContain(` ${adapter.vocabulary.length} `)
    }
  })

  it('prints every vocabulary as JSON, exactly as the adapters declare them', async () => {
    const run = await runInProcess(['vocabulary', '--format', 'json'])
    expect(JSON.parse(run.stdout)).toEqual(
      SOURCE_NAMES.map((source) => {
        const { feed, vendor, formats, vocabulary } = SOURCES[source].adapter
        return { source, feed, vendor, formats, vocabulary: JSON.parse(JSON.stringify(vocabulary)) }
      }),
    )
  })

  it('prints one Markdown table row per verb', async () => {
    const run = await runInProcess(['vocabulary', '--source', 'smaily-log'])
    const rows = run.stdout.split('\n').filter((line) => line.startsWith('| `'))
    expect(rows).toHaveLength(smailyLogAdapter.vocabulary.length)
    expect(run.stdout).toContain(
      '## smaily-log (feed `smaily.history`)\n\nSmaily subscriber action log (api/history.php).\n',
    )
    expect(run.stdout).toContain('| verb | canonical type | channel | details | description |')
    expect(rows).toContain(
      '| `optin` | `subscription.subscribed` | email | `{"scope":"global"}` | The subscriber subscribed. |',
    )
    expect(run.stdout).not.toContain('## altcraft')
  })

  it('says "from the record" when a verb fixes no channel', async () => {
    const run = await runInProcess(['vocabulary'])
    const open = altcraftHooksAdapter.vocabulary.find((entry) => entry.channel === undefined)
    if (open !== undefined)
      expect(run.stdout).toContain(`| \`${open.verb}\` | \`${open.type}\` | from the record |`)
    expect(run.stdout.match(/^## /gm)).toHaveLength(SOURCE_NAMES.length)
  })
})

describe('evnorm normalize (in-process)', () => {
  it.each(EXAMPLES)(
    'writes the same events as core normalize for examples/%s',
    async (name, adapter) => {
      const run = await runInProcess(['normalize', '--quiet', example(name)])
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      const events = parseLines(run.stdout)
      expect(events).toEqual(expectedEvents(adapter, example(name)))
      expect(events.length).toBeGreaterThan(0)
      for (const event of events) expect(findEventProblem(event)).toBeUndefined()
    },
  )

  it('reads standard input, says which feed it detected and why, and summarizes', async () => {
    const text = readFileSync(example('smaily-cursor-page.json'), 'utf8')
    let now = 0
    const clock = () => {
      now += 1000
      return now
    }
    const run = await runInProcess(['normalize'], { stdin: text, now: clock })
    expect(run.code).toBe(0)
    expect(parseLines(run.stdout)).toEqual(
      expectedEvents(smailyLogAdapter, example('smaily-cursor-page.json')),
    )
    const lines = run.stderr.split('\n')
    expect(lines[0]).toBe(
      'evnorm: <stdin>: reading as smaily-log (the first array element has "action" and "time"), format json',
    )
    expect(lines[1]).toBe(
      'evnorm: 1 input, 14 records read in 1.0 s (14 records/s): 14 events from 14 accepted, 0 rejected',
    )
    expect(run.stderr).toContain('events by type\n')
    expect(run.stderr).toContain('events by channel\n  email  14\n')
    expect(run.stderr).toContain('events written to <stdout>\n')
  })

  it('keeps a 64-bit seq_id exact and places the repeated autumn hour by seq_id order', async () => {
    const run = await runInProcess(['normalize', '-q', example('smaily-cursor-page.json')])
    const events = parseLines(run.stdout) as {
      occurredAt: string
      source: { recordId?: string; time: { raw: string; dst?: string; resolution?: string } }
    }[]
    expect(events[0]?.source.recordId).toBe('18014398509481985')
    const repeated = events.filter((event) => event.source.time.dst === 'repeated')
    expect(repeated.map((event) => event.source.time.raw)).toEqual([
      '2025-10-26 03:05:10',
      '2025-10-26 03:30:00',
      '2025-10-26 03:31:12',
      '2025-10-26 03:45:00',
      '2025-10-26 03:45:00',
      '2025-10-26 03:45:01',
      '2025-10-26 03:59:58',
      '2025-10-26 03:00:07',
    ])
    // 03:00:07 follows 03:59:58 in seq order, so it is the second 03:00 (EET, UTC+2); the rest are the first (EEST, UTC+3).
    expect(repeated.at(-1)).toMatchObject({
      occurredAt: '2025-10-26T01:00:07.000000000Z',
      source: { recordId: '18014398509481995', time: { resolution: 'inferred_later' } },
    })
    expect(repeated.at(-2)).toMatchObject({
      occurredAt: '2025-10-26T00:59:58.000000000Z',
      source: { time: { resolution: 'inferred_earlier' } },
    })
  })

  it('counts bad records, writes them to --rejects and exits 0 (1 with --strict)', async () => {
    const dir = scratch()
    const rejects = join(dir, 'rejects.ndjson')
    const run = await runInProcess([
      'normalize',
      '--json-summary',
      '--rejects',
      rejects,
      fixture('bad-records.ndjson'),
    ])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stderr)
    expect(summary).toMatchObject({
      records: 8,
      accepted: 4,
      rejected: 4,
      events: 4,
      unknownVerbs: { unsubscribe_all: 1 },
      rejectionsByReason: { invalid_time: 1, invalid_json: 1, not_an_object: 1, missing_field: 1 },
    })
    expect(Object.values(summary.byType as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      summary.events,
    )
    expect(parseLines(run.stdout)).toHaveLength(4)
    const rejected = parseLines(readFileSync(rejects, 'utf8')) as {
      locator: string
      reason: string
      raw: unknown
    }[]
    expect(rejected.map((rejection) => [rejection.locator, rejection.reason])).toEqual([
      ['line 3', 'invalid_time'],
      ['line 4', 'invalid_json'],
      ['line 5', 'not_an_object'],
      ['line 7', 'missing_field'],
    ])
    expect(rejected[1]?.raw).toBe('this line is not JSON')
    expect(rejected[2]?.raw).toEqual([1, 2, 3])
    expect(rejected[0]?.raw).toMatchObject({
      seq_id: '18014398509482003',
      time: '2025-13-01 00:00:00',
    })

    const strict = await runInProcess([
      'normalize',
      '--strict',
      '-q',
      fixture('bad-records.ndjson'),
    ])
    expect(strict.code).toBe(1)
  })

  it('lists numeric-looking unknown verbs by count, then name, in the text summary', async () => {
    const row = (action: string) =>
      `{"email":"a@example.ee","time":"2025-06-01 12:00:00","action":"${action}","value":""}`
    const stdin = ['zz', 'zz', '7', '10', 'a'].map(row).join('\n')
    const run = await runInProcess(['normalize', '-s', 'smaily-log', '-f', 'ndjson', '-'], {
      stdin,
    })
    const section = run.stderr.split('unknown vendor verbs (events of type unknown)\n')[1] ?? ''
    expect(section.split('\n').slice(0, 4)).toEqual(['  zz  2', '  10  1', '  7   1', '  a   1'])
  })

  it('prints the first rejections and how to keep them in the text summary', async () => {
    const run = await runInProcess(['normalize', fixture('bad-records.ndjson')])
    expect(run.stderr).toContain('rejections by reason\n')
    expect(run.stderr).toMatch(/bad-records\.ndjson line 3: invalid_time: /)
    expect(run.stderr).toContain(
      'unknown vendor verbs (events of type unknown)\n  unsubscribe_all  1\n',
    )
    expect(run.stderr).toContain(
      'rejected records were not kept: pass --rejects FILE to write them\n',
    )
  })

  it('reads a directory as its data files in name order', async () => {
    const run = await runInProcess(['normalize', '--json-summary', examples])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stderr) as {
      files: { file: string; source: string; detectedBy: string }[]
      records: number
    }
    expect(summary.files.map((file) => [file.file, file.source])).toEqual(
      [...EXAMPLES]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, adapter]) => [join(examples, name), sourceOf(adapter)]),
    )
    expect(parseLines(run.stdout)).toHaveLength(
      EXAMPLES.reduce(
        (sum, [name, adapter]) => sum + expectedEvents(adapter, example(name)).length,
        0,
      ),
    )
  })

  it('writes events to --out and attaches raw records with --include-raw', async () => {
    const out = join(scratch(), 'events.ndjson')
    const run = await runInProcess([
      'normalize',
      '-q',
      '--include-raw',
      '-o',
      out,
      example('altcraft-hooks-batch.json'),
    ])
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' })
    const events = parseLines(readFileSync(out, 'utf8')) as { raw: { event_type: string } }[]
    const batch = JSON.parse(readFileSync(example('altcraft-hooks-batch.json'), 'utf8')) as {
      event_type: string
    }[]
    expect(events.map((event) => event.raw.event_type)).toEqual(
      batch.map((message) => message.event_type),
    )
  })

  it('writes a record nested too deep to serialize as a rejection, never stopping the run', async () => {
    const dir = scratch()
    const path = join(dir, 'deep.ndjson')
    const rejects = join(dir, 'rejects.ndjson')
    const row = '{"email":"a@example.ee","time":"2025-06-01 12:00:00","action":"optin","value":""}'
    const deepRow = `${row.slice(0, -1)},"extra":${'['.repeat(5000)}${']'.repeat(5000)}}`
    writeFileSync(path, `${row}\n${'['.repeat(5000)}${']'.repeat(5000)}\n${deepRow}\n`)
    const plain = await runInProcess(['normalize', '-q', '-s', 'smaily-log', '-r', rejects, path])
    expect(plain.code).toBe(0)
    expect(parseLines(readFileSync(rejects, 'utf8'))).toMatchObject([
      { locator: 'line 2', raw: 'raw record not kept: nested deeper than 100 levels' },
    ])
    const withRaw = await runInProcess([
      'normalize',
      '--json-summary',
      '--include-raw',
      '-s',
      'smaily-log',
      '-r',
      rejects,
      path,
    ])
    expect(withRaw.code).toBe(0)
    expect(JSON.parse(withRaw.stderr)).toMatchObject({ records: 3, accepted: 1, rejected: 2 })
    expect(parseLines(withRaw.stdout)).toHaveLength(1)
    expect(parseLines(readFileSync(rejects, 'utf8'))).toMatchObject([
      { locator: 'line 2' },
      { locator: 'line 3', reason: 'invalid_field' },
    ])
  })

  it('honours --format over the file name', async () => {
    const path = join(scratch(), 'rows.txt')
    writeFileSync(
      path,
      '{"email":"a@example.ee","time":"2025-06-01 12:00:00","action":"optin","value":""}\n',
    )
    const run = await runInProcess([
      'normalize',
      '--json-summary',
      '-s',
      'smaily-log',
      '-f',
      'ndjson',
      path,
    ])
    expect(JSON.parse(run.stderr)).toMatchObject({
      records: 1,
      events: 1,
      files: [{ format: 'ndjson', source: 'smaily-log' }],
    })
    expect(run.stderr).not.toContain('reading as')
  })

  it.each([
    [
      'altcraft-error.json',
      'the vendor returned an error response instead of records (altcraft.history error 401: API token required)',
    ],
    [
      'smaily-error.json',
      'the vendor returned an error response instead of records (smaily.history error 224: End date must be greater than start date.)',
    ],
  ])('reports the vendor error response of %s with exit 2', async (name, problem) => {
    const run = await runInProcess(['normalize', '-q', fixture(name)])
    expect(run).toEqual({ code: 2, stdout: '', stderr: `evnorm: ${fixture(name)}: ${problem}\n` })
  })

  it('stops with exit 2 and one line on a truncated file, after the records it could read', async () => {
    const run = await runInProcess(['normalize', '-q', fixture('truncated.json')])
    expect(run.code).toBe(2)
    const prefix = `evnorm: ${fixture('truncated.json')}: smaily.history: cannot read the input as json at offset `
    expect(run.stderr.startsWith(prefix)).toBe(true)
    expect(run.stderr.indexOf('\n')).toBe(run.stderr.length - 1)
    expect(parseLines(run.stdout)).toHaveLength(1)
  })

  it.each([
    [
      ['normalize', '-'],
      '',
      `evnorm: <stdin>: cannot tell which feed this is: the input is empty; pass --source ${SOURCE_NAMES.join('|')}\n`,
    ],
    [
      ['normalize', '-'],
      '{"id":1}',
      `evnorm: <stdin>: cannot tell which feed this is: the first record has none of the known key pairs (it has "id"); pass --source ${SOURCE_NAMES.join('|')}\n`,
    ],
    [
      ['normalize', '/nonexistent/evnorm.json'],
      '',
      'evnorm: /nonexistent/evnorm.json: no such file or directory\n',
    ],
  ])('refuses %j (stdin %j) with exit 2 and one line', async (argv, stdin, stderr) => {
    expect(await runInProcess(argv, { stdin })).toEqual({ code: 2, stdout: '', stderr })
  })

  it('reads NDJSON whose first line is longer than the 1 MiB head from stdin and unnamed files', async () => {
    const long = `{"seq_id":"1","email":"a@x.ee","time":"2025-01-01 10:00:00","campaign_id":1,"campaign_name":"${'x'.repeat(1.5 * 2 ** 20)}","action":"send","value":""}`
    const text = `${long}\n{"seq_id":"2","email":"b@x.ee","time":"2025-01-01 10:00:01","campaign_id":1,"campaign_name":"c","action":"open","value":""}\n`
    const file = join(scratch(), 'page')
    writeFileSync(file, text)
    for (const [args, stdin] of [
      [['-'], text],
      [[file], ''],
    ] as const) {
      const run = await runInProcess(['normalize', '-q', '-s', 'smaily-log', ...args], { stdin })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(parseLines(run.stdout)).toHaveLength(2)
    }
  })

  it('suggests --format ndjson for NDJSON content in a .json file', async () => {
    const path = join(scratch(), 'rows.json')
    const row = '{"email":"a@example.ee","time":"2025-06-01 12:00:00","action":"optin","value":""}'
    writeFileSync(path, `${row}\n${row}\n`)
    const run = await runInProcess(['normalize', '-q', '-s', 'smaily-log', path])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /unexpected '\{' after the end of the JSON value; if it holds one JSON value per line, pass --format ndjson\n$/,
    )
    const explicit = await runInProcess(['normalize', '-q', '-s', 'smaily-log', '-f', 'json', path])
    expect(explicit.stderr).not.toContain('--format ndjson')
  })

  it('says appended JSON pages are not one input', async () => {
    const path = join(scratch(), 'pages.json')
    const page = readFileSync(example('smaily-cursor-page.json'), 'utf8')
    writeFileSync(path, `${page}${page}`)
    const run = await runInProcess(['normalize', '-q', '-o', join(scratch(), 'out.ndjson'), path])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /unexpected '\[' after the end of the JSON value; several JSON documents one after another \(appended pages\?\) are not one input: give each page its own file, or write the records as NDJSON\n$/,
    )
  })

  it('reads an empty JSON array with --source auto as zero records, exit 0', async () => {
    const run = await runInProcess(['normalize', '--json-summary', '-'], { stdin: ' [ ]\n' })
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(JSON.parse(run.stderr)).toMatchObject({
      records: 0,
      files: [
        {
          file: '<stdin>',
          source: 'none',
          records: 0,
          detectedBy: 'an empty JSON array: no records',
        },
      ],
    })
    const text = await runInProcess(['normalize', '-'], { stdin: '[]' })
    expect(text.code).toBe(0)
    expect(text.stderr).toMatch(
      /^evnorm: <stdin>: an empty JSON array: no records, so no feed to detect\n/,
    )
    const trailing = await runInProcess(['normalize', '-q', '-'], { stdin: '[] [' })
    expect(trailing.code).toBe(2)
    expect(trailing.stderr).toContain(
      "evnorm: <stdin>: cannot read the input as json at offset 3: unexpected '['",
    )
  })

  it('reports an Altcraft error envelope without data as the vendor error', async () => {
    const run = await runInProcess(['normalize', '-q', '-'], {
      stdin: '{"error":401,"error_text":"API token required"}',
    })
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'evnorm: <stdin>: the vendor returned an error response instead of records (altcraft.history error 401: API token required)\n',
    })
  })

  it('refuses an --out or --rejects that would overwrite an input or each other', async () => {
    const input = example('smaily-cursor-page.json')
    expect((await runInProcess(['normalize', '-o', input, input])).stderr).toBe(
      `evnorm: --out ${input} is also an input and would be overwritten\n`,
    )
    expect(
      (await runInProcess(['normalize', '-o', 'same.ndjson', '-r', './same.ndjson', input])).stderr,
    ).toBe('evnorm: --out and --rejects name the same file\n')
  })

  it('refuses an --out or --rejects that is a symlink or hard link to an input, leaving it intact', async () => {
    const dir = scratch()
    const input = join(dir, 'page.json')
    const content = readFileSync(example('smaily-cursor-page.json'))
    writeFileSync(input, content)
    symlinkSync(input, join(dir, 'link.ndjson'))
    linkSync(input, join(dir, 'hard.ndjson'))
    for (const [option, name] of [
      ['-o', 'link.ndjson'],
      ['-r', 'hard.ndjson'],
    ] as const) {
      const target = join(dir, name)
      const run = await runInProcess(['normalize', option, target, input])
      const flag = option === '-o' ? '--out' : '--rejects'
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `evnorm: ${flag} ${target} is also an input and would be overwritten\n`,
      })
      expect(readFileSync(input)).toEqual(content)
    }
    const both = await runInProcess(['normalize', '-o', input, '-r', join(dir, 'link.ndjson'), '-'])
    expect(both.stderr).toBe('evnorm: --out and --rejects name the same file\n')
    symlinkSync(dir, join(dir, 'again'))
    const fresh = ['-o', join(dir, 'new.ndjson'), '-r', join(dir, 'again', 'new.ndjson'), input]
    expect((await runInProcess(['normalize', ...fresh])).stderr).toBe(
      'evnorm: --out and --rejects name the same file\n',
    )
  })

  it.each([
    [
      'EPIPE',
      2,
      'evnorm: <stdout>: cannot write: the reader closed the pipe before the last event, so the output is incomplete\n',
    ],
    ['ENOSPC', 2, 'evnorm: <stdout>: cannot write: write ENOSPC\n'],
  ])('fails when standard output fails with %s (exit %i)', async (code, exit, stderr) => {
    const failing = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error(`write ${code}`), { code }))
      },
    })
    const errors: string[] = []
    const io = {
      stdin: Readable.from([]),
      stdout: failing,
      stderr: new Writable({
        write(chunk: Buffer, _encoding, done) {
          errors.push(chunk.toString())
          done()
        },
      }),
      env: {},
      isTTY: false,
    }
    expect(await runCli(['normalize', '-q', example('smaily-cursor-page.json')], io)).toBe(exit)
    expect(errors.join('')).toBe(stderr)
  })

  it('stops at the documented limits with a line naming the option that raises them', async () => {
    const dir = scratch()
    const lines = join(dir, 'long.ndjson')
    writeFileSync(lines, `{"seq_id":"1","note":"${'x'.repeat(4096)}"}\n{"seq_id":"2"}\n`)
    const long = await runInProcess([
      'normalize',
      '-s',
      'smaily-log',
      '--max-record-size',
      '2K',
      lines,
    ])
    expect(long.code).toBe(2)
    expect(long.stderr).toContain(
      'is longer than 2048 characters (the --max-record-size limit, 2K); pass a larger --max-record-size to read it',
    )
    const blank = join(dir, 'blank.ndjson.gz')
    writeFileSync(blank, gzipSync(Buffer.alloc(80 * 2 ** 20, '\n')))
    const bomb = await runInProcess(['normalize', '-s', 'smaily-log', blank])
    expect(bomb).toMatchObject({ code: 2, stdout: '' })
    expect(bomb.stderr).toMatch(
      /more than 200 times its compressed size \(the --max-compression-ratio limit/,
    )
    const big = await runInProcess([
      'normalize',
      '-s',
      'smaily-log',
      '--max-decompressed-size',
      '1M',
      blank,
    ])
    expect(big.stderr).toMatch(
      /more than 1M bytes \(the --max-decompressed-size limit\); pass a larger --max-decompressed-size/,
    )
    const allowed = ['--max-compression-ratio', '100000', '-f', 'ndjson', '-q']
    expect((await runInProcess(['normalize', '-s', 'smaily-log', ...allowed, blank])).code).toBe(0)
  })

  it('writes --out and --rejects under their names only when complete', async () => {
    const dir = scratch()
    const out = join(dir, 'events.ndjson')
    const rejects = join(dir, 'rejects.ndjson')
    writeFileSync(out, 'previous run\n')
    const args = ['normalize', '-q', '-s', 'smaily-log', '-o', out, '-r', rejects]
    const failed = await runInProcess([
      ...args,
      fixture('bad-records.ndjson'),
      fixture('truncated.json'),
    ])
    expect(failed.code).toBe(2)
    expect(readFileSync(out, 'utf8')).toBe('previous run\n')
    expect(readdirSync(dir).sort()).toEqual(['events.ndjson'])
    const done = await runInProcess([...args, fixture('bad-records.ndjson')])
    expect(done.code).toBe(0)
    expect(parseLines(readFileSync(out, 'utf8'))).toHaveLength(4)
    expect(parseLines(readFileSync(rejects, 'utf8'))).toHaveLength(4)
    expect(readdirSync(dir).sort()).toEqual(['events.ndjson', 'rejects.ndjson'])
  })

  it('keeps --rejects, the summary and exit 2 over --strict when the reader closes the pipe', async () => {
    const dir = scratch()
    const rejects = join(dir, 'rej.ndjson')
    let written = 0
    const closing = new Writable({
      write(_chunk, _encoding, done) {
        written++
        done(written > 1 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : undefined)
      },
    })
    const errors: string[] = []
    const io = {
      stdin: Readable.from([]),
      stdout: closing,
      stderr: new Writable({
        write(chunk: Buffer, _encoding, done) {
          errors.push(chunk.toString())
          done()
        },
      }),
      env: {},
      isTTY: false,
    }
    const lines = readFileSync(fixture('bad-records.ndjson'), 'utf8')
    const input = join(dir, 'mixed.ndjson')
    writeFileSync(input, Array(3000).fill(lines).join(''))
    const argv = ['normalize', '--strict', '-s', 'smaily-log', '-r', rejects, input]
    expect(await runCli(argv, io)).toBe(2)
    expect(parseLines(readFileSync(rejects, 'utf8'))).toHaveLength(3000 * 4)
    expect(errors.join('')).toContain('evnorm: 1 input, 24,000 records read in ')
    expect(errors.at(-1)).toMatch(/^evnorm: <stdout>: cannot write: the reader closed the pipe/)
  })

  it.each([
    [['normalize', '-s', 'smaily-log', '-o', '/dev/null', example('smaily-cursor-page.json')], 0],
    [['normalize', '/nonexistent/evnorm.json'], 2],
  ])(
    'keeps going and keeps the exit code when stderr fails with EPIPE (%j)',
    async (argv, exit) => {
      const io = {
        stdin: Readable.from([]),
        stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
        stderr: new Writable({
          write(_chunk, _encoding, done) {
            done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
          },
        }),
        env: {},
        isTTY: false,
      }
      expect(await runCli(argv, io)).toBe(exit)
      expect(await runCli(argv, io)).toBe(exit)
      await new Promise((resolve) => setImmediate(resolve))
      expect(io.stderr.listenerCount('error')).toBe(1)
    },
  )

  it('draws a progress bar for a large input only when stderr is a terminal', async () => {
    const path = join(scratch(), 'large.ndjson')
    const line = `{"email":"u@example.ee","note":"${'x'.repeat(200)}"}\n`
    writeFileSync(path, line.repeat(Math.ceil(PROGRESS_MIN_BYTES / line.length)))
    const argv = ['normalize', '-s', 'smaily-log', '-o', '/dev/null', path]
    const terminal = await runInProcess(argv, { isTTY: true })
    expect(terminal.stderr).toContain(`\r\x1b[2K${path} [`)
    expect(terminal.stderr).toContain('\r\x1b[2Kevnorm: 1 input, ')
    expect((await runInProcess(argv, { isTTY: false })).stderr).not.toContain('\r')
    expect((await runInProcess(argv, { isTTY: true, env: { TERM: 'dumb' } })).stderr).not.toContain(
      '\r',
    )
    // Every record is rejected (no "action"): --quiet keeps only the wrong-feed warning.
    expect((await runInProcess([...argv, '--quiet'], { isTTY: true })).stderr).toMatch(
      /^evnorm: warning: [^\n]+100% of [\d,]+ records rejected[^\n]+\n$/,
    )
  })
})

/** The registry name of an adapter. */
function sourceOf(adapter: AnyAdapter): string | undefined {
  return SOURCE_NAMES.find((name) => SOURCES[name].adapter === adapter)
}
