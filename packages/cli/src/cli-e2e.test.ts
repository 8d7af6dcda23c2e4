import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN as bin, buildBinIfStale, parseLines } from './cli.test-helpers.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const src = fileURLToPath(new URL('./', import.meta.url))
const examples = join(root, 'examples')
const fixture = (name: string) => join(src, '__fixtures__', name)

function evnorm(args: readonly string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    input: input ?? '',
    maxBuffer: 1 << 28,
  })
  return {
    code: result.status,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
  }
}

beforeAll(buildBinIfStale)

describe('the built evnorm binary', () => {
  it('normalizes every example (the quick-start command) and summarizes on stderr', () => {
    const run = evnorm(['normalize', 'examples'])
    expect(run.code).toBe(0)
    const events = parseLines(run.stdout) as { schema: string }[]
    expect(events.every((event) => event.schema === 'evnorm.event.v1')).toBe(true)
    const files = readdirSync(examples).filter((name) => name !== 'README.md')
    for (const name of files)
      expect(run.stderr).toContain(`evnorm: ${join('examples', name)}: reading as `)
    const header =
      /evnorm: (\d+) inputs, (\d+) records read in [^:]+: (\d+) events from (\d+) accepted, (\d+) rejected/.exec(
        run.stderr,
      )
    expect(header?.slice(1).map(Number)).toEqual([
      files.length,
      expect.any(Number),
      events.length,
      expect.any(Number),
      0,
    ])
    const documented =
      /evnorm: (\d+) inputs, (\d+) records read: (\d+) events from (\d+) accepted, (\d+) rejected/.exec(
        readFileSync(join(examples, 'README.md'), 'utf8'),
      )
    expect(documented?.slice(1), 'the summary examples/README.md shows').toEqual(header?.slice(1))
  })

  it('reads standard input when no file is given', () => {
    const text = readFileSync(join(examples, 'altcraft-hooks-batch.json'))
    const fromFile = evnorm(['normalize', '-q', 'examples/altcraft-hooks-batch.json'])
    const fromStdin = evnorm(['normalize', '-q'], text)
    expect(fromStdin.code).toBe(0)
    expect(fromStdin.stdout).toBe(fromFile.stdout)
    expect(parseLines(fromStdin.stdout)).toHaveLength(
      (JSON.parse(text.toString()) as unknown[]).length,
    )
  })

  it('reads gzip files by name and by magic bytes, on files and on stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evnorm-e2e-'))
    const plain = evnorm(['normalize', '-q', 'examples/altcraft-history.xml'])
    const packed = gzipSync(readFileSync(join(examples, 'altcraft-history.xml')))
    writeFileSync(join(dir, 'history.xml.gz'), packed)
    writeFileSync(join(dir, 'history-export'), packed)
    expect(plain.code).toBe(0)
    expect(evnorm(['normalize', '-q', join(dir, 'history.xml.gz')])).toEqual(plain)
    expect(evnorm(['normalize', '-q', join(dir, 'history-export')])).toEqual(plain)
    expect(evnorm(['normalize', '-q'], packed)).toEqual(plain)
  })

  it('exits 2 with one clear line on a malformed file and on a corrupt gzip', () => {
    const truncated = evnorm(['normalize', '-q', fixture('truncated.json')])
    expect(truncated.code).toBe(2)
    expect(truncated.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^evnorm: \S+truncated\.json: smaily\.history: cannot read the input as json at offset \d+: .+/,
      ),
      '',
    ])
    const dir = mkdtempSync(join(tmpdir(), 'evnorm-e2e-'))
    const corrupt = gzipSync(readFileSync(join(examples, 'smaily-cursor-page.json'))).subarray(
      0,
      200,
    )
    writeFileSync(join(dir, 'page.json.gz'), corrupt)
    const gz = evnorm(['normalize', '-q', join(dir, 'page.json.gz')])
    expect(gz.code).toBe(2)
    expect(gz.stderr).toMatch(
      /^evnorm: \S+page\.json\.gz: gzip: the gzip data is truncated \(unexpected end of file\)\n$/,
    )
  })

  it('writes rejections to --rejects, exits 0, and its counts add up; --strict exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evnorm-e2e-'))
    const rejects = join(dir, 'rejects.ndjson')
    const out = join(dir, 'events.ndjson')
    const run = evnorm([
      'normalize',
      '--json-summary',
      '-o',
      out,
      '-r',
      rejects,
      fixture('bad-records.ndjson'),
    ])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stderr) as {
      records: number
      accepted: number
      rejected: number
      events: number
    }
    const events = parseLines(readFileSync(out, 'utf8'))
    const rejections = parseLines(readFileSync(rejects, 'utf8')) as { feed: string; raw: unknown }[]
    expect(summary.records).toBe(
      readFileSync(fixture('bad-records.ndjson'), 'utf8').trimEnd().split('\n').length,
    )
    expect(summary.accepted + summary.rejected).toBe(summary.records)
    expect(events).toHaveLength(summary.events)
    expect(rejections).toHaveLength(summary.rejected)
    expect(
      rejections.every(
        (rejection) => rejection.feed === 'smaily.history' && rejection.raw !== undefined,
      ),
    ).toBe(true)

    const strict = evnorm(['normalize', '--strict', '-q', '-o', out, fixture('bad-records.ndjson')])
    expect(strict.code).toBe(1)
    expect(evnorm(['normalize', '--strict', '-q', 'examples/smaily-cursor-page.json']).code).toBe(0)
  })

  it('refuses an --out that is the file on standard input, and lets devices repeat', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evnorm-e2e-'))
    const page = join(dir, 'page.json')
    const content = readFileSync(join(examples, 'smaily-cursor-page.json'))
    writeFileSync(page, content)
    const stdin = openSync(page, 'r')
    try {
      const result = spawnSync(process.execPath, [bin, 'normalize', '-o', page], {
        cwd: root,
        stdio: [stdin, 'pipe', 'pipe'],
      })
      expect(result.status).toBe(2)
      expect(result.stderr.toString('utf8')).toBe(
        `evnorm: --out ${page} is the file on standard input and would be overwritten\n`,
      )
    } finally {
      closeSync(stdin)
    }
    expect(readFileSync(page)).toEqual(content)
    const devices = evnorm(['normalize', '-q', '-o', '/dev/null', '-r', '/dev/null', page])
    expect(devices).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('fails with exit 2, not 0, when standard output is closed or its reader leaves early', () => {
    const input = join(mkdtempSync(join(tmpdir(), 'evnorm-e2e-')), 'mixed.ndjson')
    writeFileSync(input, readFileSync(fixture('bad-records.ndjson'), 'utf8').repeat(5000))
    const rejects = `${input}.rejects`
    const shell = (command: string) =>
      spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8' })
    const closed = shell(`node ${bin} normalize -q -s smaily-log ${input} >&-`)
    expect(closed.status).toBe(2)
    expect(closed.stderr).toBe('evnorm: <stdout>: cannot write: the file descriptor is closed\n')
    const piped = shell(
      `node ${bin} normalize --strict -s smaily-log -r ${rejects} ${input} | head -1 >/dev/null; echo "exit \${PIPESTATUS[0]}" >&2`,
    )
    expect(piped.stderr).toMatch(/the reader closed the pipe.*\nexit 2\n$/s)
    expect(piped.stderr).toContain('evnorm: 1 input, 40,000 records read in ')
    expect(parseLines(readFileSync(rejects, 'utf8'))).toHaveLength(20000)
  })

  it('prints the schema, the vocabularies and the sources', () => {
    expect(JSON.parse(evnorm(['schema']).stdout)).toMatchObject({ title: 'evnorm canonical event' })
    expect(evnorm(['vocabulary', '-s', 'altcraft-hooks']).stdout).toContain(
      '| `hbounce` | `message.bounced` |',
    )
    expect(evnorm(['sources']).stdout.split('\n')[0]).toMatch(
      /^SOURCE\s+FEED\s+PACKAGE\s+FORMATS\s+VERBS\s+DESCRIPTION$/,
    )
  })
})
