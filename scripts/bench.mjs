#!/usr/bin/env node
// `pnpm bench`: measures every path a user takes, each beside two references from the same run,
// and prints ONE Markdown table, on this Node and on a second one (default 24.22.3, installed
// from the npm registry into .ci/tools). Expects built packages (`turbo run build` runs first).
// - In process, per feed (each adapter package's bench prints `{"bench":true,…}` lines):
//   `normalize(text)` over a JSON array and over NDJSON and `normalizeStream` over 64 KiB byte
//   chunks of each, next to the floor (`JSON.parse` of the text + `JSON.stringify` of each
//   record) and the feed's hand-written contract ceiling (`normalize(text)`, minimal mapping).
// - The evnorm CLI end to end (a file in, NDJSON to a file) on Smaily rows, hook messages and
//   1,000-message hook bodies, with 1 worker and with one per core, next to a process floor
//   (read + JSON.parse + JSON.stringify of the same records to a file), best of 3 rounds.
// - `evnorm load` into DuckDB (this Node only) next to the floor a user would write by hand
//   (`evnorm normalize` to an NDJSON file, then one DuckDB INSERT … SELECT of it), best of 2.
// Verdicts: normalize ≥ 0.80× its ceiling's rate; each stream ≥ 0.90× `normalize(text)` of the
// same feed and format; the CLI with 1 worker ≥ 0.25× the floor's rate on Smaily rows and
// ≥ 0.30× on hook bodies; N workers ≥ 1.6× one worker (beside N one-worker processes run at once,
// the most the machine's cores give: the ceiling of N workers); load ≤ 1.5× the floor's time. Peak RSS
// (the CLI on --rss-records Smaily rows and on 1,000,000 hook messages) is printed under the
// table; the PostgreSQL load bench follows when EVNORM_PG_URL names a server
// (`scripts/services.sh up postgres` prints it).
// Options: --skip-adapters (no in-process rows), --full (the adapters' own default sizes instead
// of the smaller ones below), --adapter-timeout S (default 240 s per adapter bench and Node),
// --rss-records N (default 1000000), --cli-records N (default 200000), --skip-cli,
// --load-records N (default 1000000), --skip-load (also skips the PostgreSQL bench),
// --second-node VERSION (default 24.22.3; `none` measures on this Node only).
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ADAPTER_PACKAGES = [
  '@evnorm/smaily-log',
  '@evnorm/altcraft-history',
  '@evnorm/altcraft-hooks',
]
const { values: options } = parseArgs({
  options: {
    'rss-records': { type: 'string', default: '1000000' },
    'skip-adapters': { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    'adapter-timeout': { type: 'string', default: '240' },
    'load-records': { type: 'string', default: '1000000' },
    'skip-load': { type: 'boolean', default: false },
    'cli-records': { type: 'string', default: '200000' },
    'skip-cli': { type: 'boolean', default: false },
    'second-node': { type: 'string', default: '24.22.3' },
  },
})
const RSS_RECORDS = Number(options['rss-records'])
const RSS_TARGET_MB = 200
const CLI = join(ROOT, 'packages/cli/dist/bin.js')
const GNU_TIME = '/usr/bin/time'
const QUICK_SIZES = {
  BENCH_ROUNDS: '7',
  BENCH_RECORDS: '50000',
  BENCH_JSON_RECORDS: '20000',
  BENCH_XML_RECORDS: '2000',
}

const failures = []

function log(message) {
  process.stderr.write(`bench: ${message}\n`)
}

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.timeoutSeconds !== undefined,
      env: { ...process.env, ...options.env },
    })
    const timer =
      options.timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => process.kill(-child.pid, 'SIGTERM'), options.timeoutSeconds * 1000)
    const stdout = []
    const stderr = []
    child.stdout.on('data', (chunk) => stdout.push(chunk))
    child.stderr.on('data', (chunk) => {
      stderr.push(chunk)
      if (options.echoStderr) process.stderr.write(chunk)
    })
    child.on('error', (error) =>
      resolve({ code: -1, stdout: '', stderr: String(error), seconds: 0 }),
    )
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        seconds: (performance.now() - started) / 1000,
      })
    })
  })
}

function benchLines(text) {
  const found = []
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (!trimmed.startsWith('{') || !trimmed.includes('"bench"')) continue
    try {
      const value = JSON.parse(trimmed)
      if (value?.bench === true) found.push(value)
    } catch {}
  }
  return found
}

/** Each adapter package's bench on `node` (`tsx` runs on the first `node` of PATH). */
async function runAdapterBenches(node) {
  const found = []
  for (const name of ADAPTER_PACKAGES) {
    log(`running ${name} bench on ${node} …`)
    const result = await run('pnpm', ['--silent', '--filter', name, 'bench'], {
      echoStderr: true,
      env: {
        ...(options.full ? {} : QUICK_SIZES),
        PATH: `${dirname(node)}${delimiter}${process.env.PATH}`,
      },
      timeoutSeconds: Number(options['adapter-timeout']),
    })
    const lines = benchLines(result.stdout)
    log(
      `${name}: ${lines.length} results in ${result.seconds.toFixed(0)} s (exit ${result.code ?? 'killed: timed out'})`,
    )
    if (result.code !== 0 || lines.length === 0) {
      failures.push(`${name} bench on ${node}: exit ${result.code}, ${lines.length} result lines`)
      continue
    }
    found.push(...lines)
  }
  return found
}

const ACTIONS = [
  ['send', 50],
  ['view', 20],
  ['click', 12],
  ['bounce', 4],
  ['modify', 4],
  ['optin', 3],
  ['optout', 3],
  ['create', 2],
  ['complaint', 1],
  ['delete', 1],
]
const ACTION_TABLE = ACTIONS.flatMap(([action, weight]) => Array(weight).fill(action))

function pad(number) {
  return String(number).padStart(2, '0')
}

function smailyRow(index) {
  const action = ACTION_TABLE[(index * 7919) % ACTION_TABLE.length]
  const at = new Date(Date.UTC(2025, 5, 1) + index * 2000)
  const time = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`
  const campaign =
    action === 'send' ||
    action === 'view' ||
    action === 'click' ||
    action === 'bounce' ||
    action === 'complaint'
  const value =
    action === 'click'
      ? `https://shop.example.ee/p/${index % 500}?utm_source=smaily&utm_campaign=${300 + (index % 40)}`
      : action === 'bounce'
        ? index % 3 === 0
          ? '421'
          : '550'
        : action === 'view'
          ? 'Android 14; Gmail; 192.0.2.44; EE'
          : action === 'modify'
            ? `name=User ${index}; city=; lang=et`
            : ''
  const seq = 18014398509481985n + BigInt(index)
  return `{"seq_id":${seq},"email":"user${index % 50000}@example.ee","time":"${time}","campaign_id":${campaign ? 300 + (index % 40) : 'null'},"campaign_name":${campaign ? `"Campaign ${300 + (index % 40)}: weekly offers"` : 'null'},"action":"${action}","value":"${value}"}\n`
}

async function writeSmailyFile(path, count) {
  const stream = createWriteStream(path)
  for (let start = 0; start < count; start += 10_000) {
    let text = ''
    for (let index = start; index < Math.min(count, start + 10_000); index++)
      text += smailyRow(index)
    if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve))
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())))
}

const BASELINE_SCRIPT = `import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
let records = 0
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  if (line === '') continue
  JSON.parse(line)
  records++
}
process.stdout.write(String(records) + '\\n')
`

const RSS_WRAPPER = `import { writeSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
const [script, ...args] = process.argv.slice(2)
process.argv = [process.argv[0], script, ...args]
process.on('exit', () => writeSync(2, '\\nEVNORM_MAX_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'))
await import(pathToFileURL(script).href)
`

async function measure(script, args, wrapper) {
  const result = existsSync(GNU_TIME)
    ? await run(GNU_TIME, ['-v', process.execPath, script, ...args])
    : await run(process.execPath, [wrapper, script, ...args])
  const kilobytes =
    /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ??
    /EVNORM_MAX_RSS_KB=(\d+)/.exec(result.stderr)?.[1]
  return { ...result, rssMb: kilobytes === undefined ? undefined : Number(kilobytes) / 1024 }
}

async function runRssBench() {
  await mkdir(join(ROOT, '.bench-tmp'), { recursive: true })
  const dir = await mkdtemp(join(ROOT, '.bench-tmp', 'rss-'))
  try {
    const input = join(dir, 'smaily-history.ndjson')
    log(`generating ${RSS_RECORDS.toLocaleString('en-US')} Smaily NDJSON records …`)
    await writeSmailyFile(input, RSS_RECORDS)
    const sizeMb = (await stat(input)).size / 1e6
    const baseline = join(dir, 'readline-json-parse.mjs')
    const wrapper = join(dir, 'rss-wrapper.mjs')
    await writeFile(baseline, BASELINE_SCRIPT)
    await writeFile(wrapper, RSS_WRAPPER)
    log(`measuring readline + JSON.parse on ${sizeMb.toFixed(0)} MB …`)
    const plain = await measure(baseline, [input], wrapper)
    log(`measuring evnorm normalize on ${sizeMb.toFixed(0)} MB …`)
    const cli = await measure(
      CLI,
      ['normalize', '--quiet', '--json-summary', '--out', '/dev/null', input],
      wrapper,
    )
    const summary = /^\{"files".*$/m.exec(cli.stderr)?.[0]
    const cliRecords = summary === undefined ? undefined : JSON.parse(summary).records
    if (plain.code !== 0 || cli.code !== 0 || cliRecords !== RSS_RECORDS) {
      failures.push(
        `RSS bench: readline exit ${plain.code}, CLI exit ${cli.code}, CLI records ${cliRecords}: ${cli.stderr.trim().split('\n')[0]}`,
      )
    }
    return {
      cliRss: cli.rssMb,
      plainRss: plain.rssMb,
      sizeMb,
      method: existsSync(GNU_TIME) ? `${GNU_TIME} -v` : 'process.resourceUsage().maxRSS',
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const LOAD_TARGET = 1.5

/** `evnorm load` into DuckDB vs. normalize-to-file then one INSERT … SELECT; best of 2 each. */
async function runLoadBench() {
  const records = Number(options['load-records'])
  await mkdir(join(ROOT, '.bench-tmp'), { recursive: true })
  const dir = await mkdtemp(join(ROOT, '.bench-tmp', 'load-'))
  try {
    const input = join(dir, 'smaily-history.ndjson')
    const events = join(dir, 'events.ndjson')
    log(`generating ${records.toLocaleString('en-US')} Smaily NDJSON records for the load bench …`)
    await writeSmailyFile(input, records)
    let floor = Number.POSITIVE_INFINITY
    let load = Number.POSITIVE_INFINITY
    for (let round = 1; round <= 2; round++) {
      await rm(join(dir, 'floor.duckdb'), { force: true })
      await rm(join(dir, 'load.duckdb'), { force: true })
      const normalized = await run(process.execPath, [CLI, 'normalize', '-q', '-o', events, input])
      const inserted = await run(process.execPath, [
        join(ROOT, 'packages/duckdb/bench/read-json-insert.mjs'),
        join(dir, 'floor.duckdb'),
        events,
      ])
      const loaded = await run(process.execPath, [
        CLI,
        'load',
        '-q',
        '--to',
        `duckdb:${join(dir, 'load.duckdb')}`,
        input,
      ])
      const insert = inserted.code === 0 ? JSON.parse(inserted.stdout) : undefined
      if (normalized.code !== 0 || insert?.rows !== records || loaded.code !== 0) {
        failures.push(
          `load bench: normalize exit ${normalized.code}, insert ${inserted.stderr.trim() || insert?.rows}, load exit ${loaded.code}: ${loaded.stderr.trim()}`,
        )
        return undefined
      }
      floor = Math.min(floor, normalized.seconds + inserted.seconds)
      load = Math.min(load, loaded.seconds)
      log(
        `load round ${round}: normalize ${normalized.seconds.toFixed(1)} s + insert ${inserted.seconds.toFixed(1)} s vs load ${loaded.seconds.toFixed(1)} s`,
      )
    }
    return { records, floor, load }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The PostgreSQL sink vs. COPY of the same rows from CSV, printed as the package bench prints it. */
async function runPostgresBench() {
  if (!process.env.EVNORM_PG_URL) {
    log('PostgreSQL load bench skipped: EVNORM_PG_URL is not set (scripts/services.sh up postgres)')
    return
  }
  log('running the @evnorm/postgres load bench …')
  const result = await run('pnpm', ['--silent', '--filter', '@evnorm/postgres', 'bench'], {
    timeoutSeconds: Number(options['adapter-timeout']),
  })
  if (result.code !== 0) {
    failures.push(`postgres bench: exit ${result.code}: ${result.stderr.trim().split('\n')[0]}`)
    return
  }
  process.stdout.write(`${result.stdout.trim()}\n\n`)
}

const CLI_TARGETS = { 'smaily rows': 0.25, 'hook bodies': 0.3 }
const WORKERS_TARGET = 1.6
const HOOK_RSS_RECORDS = 1_000_000

/** Read + JSON.parse + JSON.stringify of every record, written as NDJSON: the floor of a CLI run. */
const FLOOR_SCRIPT = `import { createReadStream, createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { delimiter, dirname, join } from 'node:path'
const [input, output] = process.argv.slice(2)
const out = createWriteStream(output)
const write = (text) => out.write(text) || new Promise((resolve) => out.once('drain', resolve))
let records = 0
if (statSync(input).isDirectory()) {
  for (const name of readdirSync(input).sort()) {
    let text = ''
    for (const record of JSON.parse(readFileSync(join(input, name), 'utf8'))) {
      text += JSON.stringify(record) + '\\n'
      records++
    }
    await write(text)
  }
} else {
  let text = ''
  for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
    if (line === '') continue
    text += JSON.stringify(JSON.parse(line)) + '\\n'
    records++
    if (text.length > 1 << 20) { await write(text); text = '' }
  }
  await write(text)
}
await new Promise((resolve) => out.end(resolve))
process.stdout.write(String(records) + '\\n')
`

/** Altcraft hook messages like the bundled examples, at other times: NDJSON, or bodies of 1,000. */
async function writeHookInputs(examplesPath, ndjsonPath, bodiesDir, count) {
  const examples = JSON.parse(await readFile(examplesPath, 'utf8'))
  const message = (index) =>
    JSON.stringify({
      ...examples[index % examples.length],
      event_date: `2025-06-${pad(1 + (index % 28))}T12:${pad(index % 60)}:${pad((index >> 6) % 60)}.${String(index % 1000).padStart(3, '0')}Z`,
    })
  const stream = createWriteStream(ndjsonPath)
  if (bodiesDir !== undefined) await mkdir(bodiesDir, { recursive: true })
  for (let start = 0; start < count; start += 1000) {
    const messages = []
    for (let index = start; index < Math.min(count, start + 1000); index++)
      messages.push(message(index))
    if (!stream.write(`${messages.join('\n')}\n`))
      await new Promise((resolve) => stream.once('drain', resolve))
    if (bodiesDir !== undefined) {
      await writeFile(
        join(bodiesDir, `body-${String(start / 1000).padStart(5, '0')}.json`),
        `[${messages.join(',')}]`,
      )
    }
  }
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())))
}

function secondNode() {
  if (options['second-node'] === 'none') return undefined
  try {
    const bin = execFileSync(join(ROOT, 'scripts/node-binary.sh'), [options['second-node']], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim()
    return join(bin, 'node')
  } catch (error) {
    failures.push(`Node ${options['second-node']} could not be installed: ${error.message}`)
    return undefined
  }
}

/** One timed process with its peak RSS (GNU time when present). */
async function timed(node, args) {
  const result = existsSync(GNU_TIME)
    ? await run(GNU_TIME, ['-v', node, ...args])
    : await run(node, args)
  const kilobytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]
  return { ...result, rssMb: kilobytes === undefined ? undefined : Number(kilobytes) / 1024 }
}

/**
 * The CLI end to end (read a file, write NDJSON to a file) on Smaily rows, hook messages as
 * NDJSON and hook bodies of 1,000 messages, with one worker and with one per core, next to the
 * floor (read + JSON.parse + JSON.stringify of the same records), best of 3 interleaved rounds,
 * on this Node and on the second one; then the peak RSS of 1,000,000 hook messages.
 */
async function runCliBench(nodes) {
  const records = Number(options['cli-records'])
  const workers = Math.max(2, availableParallelism())
  await mkdir(join(ROOT, '.bench-tmp'), { recursive: true })
  const dir = await mkdtemp(join(ROOT, '.bench-tmp', 'cli-'))
  try {
    const floorScript = join(dir, 'floor.mjs')
    await writeFile(floorScript, FLOOR_SCRIPT)
    log(`generating ${records.toLocaleString('en-US')} Smaily rows and hook messages …`)
    const cases = {
      'smaily rows': join(dir, 'smaily.ndjson'),
      'hook messages': join(dir, 'hooks.ndjson'),
      'hook bodies': join(dir, 'bodies'),
    }
    await writeSmailyFile(cases['smaily rows'], records)
    const examples = join(ROOT, 'examples/altcraft-hooks-batch.json')
    await writeHookInputs(examples, cases['hook messages'], cases['hook bodies'], records)
    const results = []
    for (const node of nodes) {
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
      for (const [name, input] of Object.entries(cases)) {
        const best = { floor: Infinity, one: Infinity, many: Infinity, apart: Infinity }
        const source = name === 'smaily rows' ? 'smaily-log' : 'altcraft-hooks'
        for (let round = 1; round <= 3; round++) {
          const out = join(dir, 'out.ndjson')
          const floor = await timed(node, [floorScript, input, out])
          const cli = (count, output = out) =>
            timed(node, [
              CLI,
              'normalize',
              '-q',
              '-s',
              source,
              '-w',
              String(count),
              '-o',
              output,
              input,
            ])
          const one = await cli(1)
          const many = await cli(workers)
          const startedApart = performance.now()
          const apart = await Promise.all(
            Array.from({ length: workers }, (_, index) =>
              cli(1, join(dir, `apart-${index}.ndjson`)),
            ),
          )
          const apartSeconds = (performance.now() - startedApart) / 1000
          const runs = [floor, one, many, ...apart]
          const failed = runs.find((result) => result.code !== 0)
          if (failed !== undefined) {
            const reason = failed.stderr.trim().split('\n')[0]
            failures.push(`CLI bench ${name} on ${version}: exit ${failed.code}: ${reason}`)
            break
          }
          best.floor = Math.min(best.floor, floor.seconds)
          best.one = Math.min(best.one, one.seconds)
          best.many = Math.min(best.many, many.seconds)
          best.apart = Math.min(best.apart, apartSeconds)
          log(
            `${version} ${name} round ${round}: floor ${floor.seconds.toFixed(2)} s, 1 worker ${one.seconds.toFixed(2)} s, ${workers} workers ${many.seconds.toFixed(2)} s, ${workers} processes of 1 worker ${apartSeconds.toFixed(2)} s`,
          )
        }
        results.push({ version, name, records, workers, ...best })
      }
    }
    log(`measuring peak RSS on ${HOOK_RSS_RECORDS.toLocaleString('en-US')} hook messages …`)
    const big = join(dir, 'hooks-1m.ndjson')
    await writeHookInputs(examples, big, undefined, HOOK_RSS_RECORDS)
    const rss = []
    for (const count of [1, workers]) {
      const result = await timed(process.execPath, [
        CLI,
        'normalize',
        '-q',
        '-s',
        'altcraft-hooks',
        '-w',
        String(count),
        '-o',
        '/dev/null',
        big,
      ])
      if (result.code !== 0) failures.push(`RSS run with ${count} workers: exit ${result.code}`)
      rss.push({ workers: count, seconds: result.seconds, rssMb: result.rssMb })
    }
    return { results, rss }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const STREAM_TARGET = 0.9
const CEILING_TARGET = 0.8

function times(value) {
  return `${value.toFixed(2)}×`
}

function judged(value, target, text) {
  return { target: text, verdict: `${value >= target ? 'meets' : 'MISSES'} (${times(value)})` }
}

/** Table rows of the adapter benches: ratios within one Node and feed. */
function inProcessRows(lines) {
  const find = (like, pipeline, format) =>
    lines.find(
      (line) =>
        line.node === like.node &&
        line.feed === like.feed &&
        line.pipeline === pipeline &&
        (format === undefined || line.format === format),
    )?.recordsPerSecond
  return lines.map((line) => {
    const floor = find(line, 'floor', line.format) ?? find(line, 'floor', 'json')
    const ceiling = line.format === 'json' ? find(line, 'ceiling') : undefined
    const row = {
      node: line.node,
      feed: line.feed,
      path: `${line.path} · ${line.format}`,
      records: line.records,
      rate: line.recordsPerSecond,
      floor,
      ceiling,
    }
    if (line.pipeline === 'normalize' && ceiling !== undefined) {
      return {
        ...row,
        ...judged(line.recordsPerSecond / ceiling, CEILING_TARGET, '≥ 0.80× ceiling'),
      }
    }
    const batch = find(line, 'normalize', line.format)
    if (line.pipeline === 'stream' && batch !== undefined) {
      return { ...row, ...judged(line.recordsPerSecond / batch, STREAM_TARGET, '≥ 0.90× batch') }
    }
    return row
  })
}

/** Table rows of the CLI end to end: the process floor, 1 worker, N workers. */
function cliRows(results) {
  return results.flatMap((result) => {
    const common = {
      node: result.version,
      feed: result.name === 'smaily rows' ? 'smaily.history' : 'altcraft.hooks',
      records: result.records,
      floor: result.records / result.floor,
    }
    const one = result.records / result.one
    const many = result.records / result.many
    const apart = (result.workers * result.records) / result.apart
    const target = CLI_TARGETS[result.name]
    return [
      {
        ...common,
        path: `CLI floor: read + JSON.parse + JSON.stringify to a file · ${result.name}`,
        rate: common.floor,
      },
      {
        ...common,
        path: `\`evnorm normalize\`, 1 worker · ${result.name}`,
        rate: one,
        ...(target === undefined ? {} : judged(one / common.floor, target, `≥ ${target}× floor`)),
      },
      {
        ...common,
        path: `\`evnorm normalize\`, ${result.workers} workers · ${result.name}`,
        rate: many,
        ceiling: apart,
        ...(result.name === 'hook bodies'
          ? {}
          : judged(many / one, WORKERS_TARGET, `≥ ${WORKERS_TARGET}× 1 worker`)),
      },
      {
        ...common,
        path: `${result.workers} processes of \`evnorm normalize\`, 1 worker, at once (ceiling of ${result.workers} workers) · ${result.name}`,
        rate: apart,
        ceiling: apart,
        target: '',
        verdict: `${times(apart / one)} 1 worker`,
      },
    ]
  })
}

/** Table rows of the DuckDB load bench. */
function loadRows({ records, floor, load }) {
  const common = { node: process.version, feed: 'smaily.history', records, floor: records / floor }
  return [
    {
      ...common,
      path: 'load floor: `evnorm normalize` to NDJSON + one INSERT … SELECT · smaily rows',
      rate: common.floor,
    },
    {
      ...common,
      path: '`evnorm load` into DuckDB · smaily rows',
      rate: records / load,
      target: `≤ ${LOAD_TARGET}× floor time`,
      verdict: `${load / floor <= LOAD_TARGET ? 'meets' : 'MISSES'} (${times(load / floor)} time)`,
    },
  ]
}

function printTable(rows) {
  const ratio = (rate, base) => (base === undefined ? '' : times(rate / base))
  const lines = [
    '| Node | feed | path · input | records | records/s | × floor rate | × ceiling rate | target | verdict |',
    '|---|---|---|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.node} | ${row.feed} | ${row.path} | ${row.records.toLocaleString('en-US')} | ` +
        `${Math.round(row.rate).toLocaleString('en-US')} | ${ratio(row.rate, row.floor)} | ` +
        `${ratio(row.rate, row.ceiling)} | ${row.target ?? ''} | ${row.verdict ?? ''} |`,
    ),
  ]
  process.stdout.write(`\n${lines.join('\n')}\n\n`)
}

function printNotes(rss, hookRss) {
  const sizes = options.full
    ? "the adapters' default sizes"
    : `${Object.entries(QUICK_SIZES)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ')} (--full for the adapters' defaults)`
  process.stdout.write(
    `In-process rows: each adapter's bench, median of its interleaved rounds, ${sizes}; the floor is\n` +
      "JSON.parse of the same text + JSON.stringify of each record, the ceiling the feed's hand-written\n" +
      'adapter through the same normalize; a stream is judged against normalize(text) of its format.\n' +
      'CLI rows: best of 3 interleaved rounds, one process each; the load rows: best of 2. The ceiling of\n' +
      'N workers is N one-worker processes on the same input at once: all the cores of the machine give\n' +
      'without any sharing (their rate counts every process).\n',
  )
  const verdict = (mb) => (mb !== undefined && mb < RSS_TARGET_MB ? 'under' : 'OVER')
  process.stdout.write(
    `CLI peak RSS on ${RSS_RECORDS.toLocaleString('en-US')} Smaily NDJSON records (${rss.sizeMb.toFixed(0)} MB): ${rss.cliRss?.toFixed(0) ?? '?'} MB ` +
      `(readline + JSON.parse: ${rss.plainRss?.toFixed(0) ?? '?'} MB), ${verdict(rss.cliRss)} the ${RSS_TARGET_MB} MB target (${rss.method}).\n`,
  )
  for (const entry of hookRss) {
    process.stdout.write(
      `CLI peak RSS on ${HOOK_RSS_RECORDS.toLocaleString('en-US')} hook messages, ${entry.workers} worker(s): ${entry.rssMb?.toFixed(0) ?? '?'} MB (process tree, ${entry.seconds.toFixed(1)} s), ${verdict(entry.rssMb)} the ${RSS_TARGET_MB} MB target.\n`,
    )
  }
  process.stdout.write('\n')
}

const started = performance.now()
const nodes = [process.execPath, secondNode()].filter((node) => node !== undefined)
for (const node of nodes) {
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  process.stdout.write(`Node ${version} (${node})\n`)
}
process.stdout.write(`${process.platform}-${process.arch}, ${availableParallelism()} CPUs\n`)
const lines = []
if (!options['skip-adapters']) {
  for (const node of nodes) lines.push(...(await runAdapterBenches(node)))
}
const rss = await runRssBench()
const cli = options['skip-cli'] ? undefined : await runCliBench(nodes)
const loaded = options['skip-load'] ? undefined : await runLoadBench()
printTable([
  ...inProcessRows(lines),
  ...cliRows(cli?.results ?? []),
  ...(loaded === undefined ? [] : loadRows(loaded)),
])
printNotes(rss, cli?.rss ?? [])
if (!options['skip-load']) await runPostgresBench()
for (const failure of failures) process.stdout.write(`FAILED: ${failure}\n`)
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`)
process.exitCode = failures.length > 0 ? 1 : 0
