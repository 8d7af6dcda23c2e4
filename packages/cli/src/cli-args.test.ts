import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from './cli-args.js'
import { DEFAULT_INPUT_LIMITS } from './input-limits.js'
import { SOURCE_NAMES } from './sources.js'

describe('parseCliArgs', () => {
  it('reads normalize with every option', () => {
    const parsed = parseCliArgs([
      'normalize',
      '-s',
      'smaily-log',
      '--format=ndjson',
      '-o',
      'out.ndjson',
      '--rejects',
      'rej.ndjson',
      '--strict',
      '-q',
      '--json-summary',
      '--include-raw',
      '--max-record-size',
      '1M',
      '--max-decompressed-size=2G',
      '--max-compression-ratio',
      '50',
      '--workers',
      '3',
      'a.json',
      '-',
    ])
    expect(parsed).toEqual({
      success: true,
      command: {
        command: 'normalize',
        args: {
          inputs: ['a.json', '-'],
          source: 'smaily-log',
          format: 'ndjson',
          out: 'out.ndjson',
          rejects: 'rej.ndjson',
          strict: true,
          quiet: true,
          jsonSummary: true,
          includeRaw: true,
          limits: { maxRecordSize: 2 ** 20, maxDecompressedSize: 2 ** 31, maxCompressionRatio: 50 },
          workers: 3,
        },
      },
    })
  })

  it('defaults normalize to --source auto on standard input', () => {
    expect(parseCliArgs(['normalize'])).toEqual({
      success: true,
      command: {
        command: 'normalize',
        args: {
          inputs: [],
          source: 'auto',
          strict: false,
          quiet: false,
          jsonSummary: false,
          includeRaw: false,
          limits: DEFAULT_INPUT_LIMITS,
          workers: availableParallelism(),
        },
      },
    })
  })

  it('refuses a --workers that is not a whole number from 1 to 256', () => {
    for (const value of ['0', '-1', '1.5', 'two', '257']) {
      const parsed = parseCliArgs(['normalize', `--workers=${value}`])
      expect(!parsed.success && parsed.problem, value).toBe(
        `--workers takes a whole number of threads from 1 to 256, not '${value}'`,
      )
    }
  })

  it('refuses limits that are not sizes or whole numbers', () => {
    for (const [option, value] of [
      ['--max-record-size', '0'],
      ['--max-record-size', '1.5M'],
      ['--max-decompressed-size', 'lots'],
      ['--max-compression-ratio', '0'],
      ['--max-compression-ratio', '2x'],
    ]) {
      const parsed = parseCliArgs(['normalize', `${option}=${value}`])
      expect(!parsed.success && parsed.problem, value).toMatch(new RegExp(`^${option} takes `))
    }
  })

  it('reads help, version and the other commands', () => {
    expect(parseCliArgs(['--help'])).toEqual({ success: true, command: { command: 'help' } })
    expect(parseCliArgs(['-V'])).toEqual({ success: true, command: { command: 'version' } })
    expect(parseCliArgs(['help', 'vocabulary'])).toEqual({
      success: true,
      command: { command: 'help', topic: 'vocabulary' },
    })
    expect(parseCliArgs(['help', '--help'])).toEqual({
      success: true,
      command: { command: 'help' },
    })
    expect(parseCliArgs(['help', 'load', '-h'])).toEqual({
      success: true,
      command: { command: 'help', topic: 'load' },
    })
    expect(parseCliArgs(['normalize', '-h'])).toEqual({
      success: true,
      command: { command: 'help', topic: 'normalize' },
    })
    expect(parseCliArgs(['schema'])).toEqual({ success: true, command: { command: 'schema' } })
    expect(parseCliArgs(['sources', '--help'])).toEqual({
      success: true,
      command: { command: 'help', topic: 'sources' },
    })
    expect(parseCliArgs(['vocabulary', '-s', 'altcraft-hooks', '-f', 'json'])).toEqual({
      success: true,
      command: { command: 'vocabulary', source: 'altcraft-hooks', format: 'json' },
    })
    expect(parseCliArgs(['vocabulary'])).toEqual({
      success: true,
      command: { command: 'vocabulary', format: 'md' },
    })
  })

  it.each([
    [
      [],
      "missing command: one of normalize, load, sync, serve, consume, schema, vocabulary, sources; try 'evnorm --help'",
    ],
    [
      ['frobnicate'],
      "unknown command 'frobnicate': use one of normalize, load, sync, serve, consume, schema, vocabulary, sources",
    ],
    [['--source', 'x'], "expected a command before '--source'; try 'evnorm --help'"],
    [
      ['normalize', '--source', 'mailchimp'],
      `unknown --source 'mailchimp': use auto or one of ${SOURCE_NAMES.join(', ')}`,
    ],
    [['normalize', '--format', 'yaml'], "unknown --format 'yaml': use json, ndjson, xml or csv"],
    [['normalize', '-', '-'], "standard input ('-') can be read only once"],
    [['normalize', '--out='], '--out needs a file name'],
    [['normalize', '--bogus'], "unknown option '--bogus'; try 'evnorm --help'"],
    [['normalize', '--out'], "option '-o, --out <value>' argument missing; try 'evnorm --help'"],
    [['schema', 'extra'], "unexpected argument 'extra'; try 'evnorm --help'"],
    [
      ['vocabulary', '--source', 'auto'],
      `unknown --source 'auto': use one of ${SOURCE_NAMES.join(', ')}`,
    ],
    [['vocabulary', '--format', 'html'], "unknown --format 'html': use md or json"],
    [
      ['help', 'nope'],
      "'evnorm help' takes one of normalize, load, sync, serve, consume, schema, vocabulary, sources",
    ],
  ])('refuses %j with one line', (argv, problem) => {
    expect(parseCliArgs(argv)).toEqual({ success: false, problem })
  })
})

describe('parseCliArgs load', () => {
  it('reads the load options, with duckdb:evnorm.duckdb and nothing as defaults', () => {
    expect(parseCliArgs(['load', 'a.json'])).toEqual({
      success: true,
      command: {
        command: 'load',
        args: {
          inputs: ['a.json'],
          source: 'auto',
          strict: false,
          quiet: false,
          jsonSummary: false,
          includeRaw: false,
          limits: DEFAULT_INPUT_LIMITS,
          workers: availableParallelism(),
          to: 'duckdb:evnorm.duckdb',
          onConflict: 'nothing',
        },
      },
    })
    expect(
      parseCliArgs([
        'load',
        '-t',
        'parquet:out',
        '--on-conflict',
        'update',
        '-s',
        'smaily-log',
        '-w',
        '1',
        '-',
      ]),
    ).toMatchObject({
      success: true,
      command: {
        args: {
          to: 'parquet:out',
          onConflict: 'update',
          source: 'smaily-log',
          inputs: ['-'],
          workers: 1,
        },
      },
    })
  })

  it('refuses load options it does not know', () => {
    expect(parseCliArgs(['load', '--out', 'x'])).toMatchObject({ success: false })
    expect(parseCliArgs(['load', '--help'])).toEqual({
      success: true,
      command: { command: 'help', topic: 'load' },
    })
  })
})

describe('parseCliArgs sync', () => {
  it('reads a source, the mode and the interval', () => {
    expect(parseCliArgs(['sync', 'smaily', '--follow', '--interval', '5m', '--rate', '2'])).toEqual(
      {
        success: true,
        command: {
          command: 'sync',
          args: {
            source: 'smaily',
            to: 'duckdb:evnorm.duckdb',
            follow: true,
            intervalMs: 300_000,
            quiet: false,
            jsonSummary: false,
            requestsPerSecond: 2,
          },
        },
      },
    )
  })

  it.each([
    [['sync'], "'evnorm sync' takes one source: smaily or altcraft-history"],
    [['sync', 'smaily', '--once', '--follow'], 'use --once or --follow, not both'],
    [['sync', 'smaily', '--interval', 'soon'], "--interval 'soon': use e.g. 60s, 5m, 1h or 500ms"],
    [
      ['sync', 'smaily', '--since', '2025-01-01'],
      '--since and --overlap-days are for altcraft-history (Smaily syncs by seq_id)',
    ],
    [['sync', 'altcraft-history', '--limit', '0'], '--limit needs a whole number from 1 to 10000'],
  ])('refuses %j', (argv, problem) => {
    expect(parseCliArgs(argv)).toEqual({ success: false, problem })
  })
})

describe('parseCliArgs serve and consume', () => {
  it('reads serve with its defaults and every option', () => {
    expect(parseCliArgs(['serve', 'altcraft-hooks', '--spool', 'spool'])).toEqual({
      success: true,
      command: {
        command: 'serve',
        args: {
          to: 'duckdb:evnorm.duckdb',
          spool: 'spool',
          host: '127.0.0.1',
          port: 8080,
          path: '/hooks',
          maxBodyBytes: 16 * 1024 * 1024,
        },
      },
    })
    const all = ['--host', '0.0.0.0', '--port', '9000', '--path', '/h', '--token-env', 'T']
    expect(
      parseCliArgs(['serve', 'altcraft-hooks', '--spool', 's', '--max-body', '512kb', ...all]),
    ).toMatchObject({
      command: {
        args: { host: '0.0.0.0', port: 9000, path: '/h', tokenEnv: 'T', maxBodyBytes: 524_288 },
      },
    })
  })

  it('reads consume with its defaults', () => {
    expect(
      parseCliArgs(['consume', 'altcraft-hooks', '--amqp', 'amqp://h', '--queue', 'q']),
    ).toEqual({
      success: true,
      command: {
        command: 'consume',
        args: { amqp: 'amqp://h', queue: 'q', to: 'duckdb:evnorm.duckdb', prefetch: 500 },
      },
    })
  })

  it.each([
    [['serve', 'altcraft-hooks'], /--spool DIR is required/],
    [['serve', 'smaily-log', '--spool', 's'], /takes one source, altcraft-hooks/],
    [['serve', 'altcraft-hooks', '--spool', 's', '--port', '70000'], /not a port number/],
    [['serve', 'altcraft-hooks', '--spool', 's', '--max-body', 'big'], /not a size/],
    [['consume', 'altcraft-hooks', '--queue', 'q'], /--amqp URL is required/],
    [['consume', 'altcraft-hooks', '--amqp', 'amqp://h'], /--queue NAME is required/],
    [['consume', 'altcraft-hooks', '--amqp', 'a', '--queue', 'q', '--prefetch', '0'], /1 to 65535/],
  ])('refuses %j', (argv, problem) => {
    const parsed = parseCliArgs(argv)
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(parsed.problem).toMatch(problem)
  })
})
