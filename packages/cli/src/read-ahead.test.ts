import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { EXAMPLES, runInProcess } from './cli.test-helpers.js'

/**
 * Many small inputs are normalized ahead, each whole on a free thread, and written in order:
 * the output is what one thread writes, byte for byte, whatever reads cleanly whole or not.
 */

const hooks = JSON.parse(
  readFileSync(join(EXAMPLES, 'altcraft-hooks-batch.json'), 'utf8'),
) as Record<string, unknown>[]

function hookTexts(count: number, from: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const at = from + index
    const message = {
      ...hooks[at % hooks.length],
      event_date: `2025-06-0${1 + (at % 9)}T12:00:${String(at % 60).padStart(2, '0')}Z`,
    }
    return JSON.stringify(message)
  })
}

/** A directory of hook bodies and other inputs, some of which do not read cleanly whole. */
function inputs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evnorm-ahead-'))
  for (let body = 0; body < 12; body++) {
    const texts = hookTexts(300, body * 300)
    if (body === 4) texts[7] = (texts[7] as string).replace('{', '{"bad":tru,')
    if (body === 6) texts.push(...hookTexts(2, 0))
    writeFileSync(join(dir, `body-${String(body).padStart(2, '0')}.json`), `[${texts.join(',')}]`)
  }
  writeFileSync(join(dir, 'body-05.ndjson'), `${hookTexts(200, 9000).join('\n')}\n\n{not json\n`)
  writeFileSync(join(dir, 'body-07b.json'), '[]')
  const repeated =
    '{"email":"same@example.ee","time":"2025-10-26 12:00:00","campaign_id":1,"campaign_name":"Repeat","action":"view","value":""}'
  writeFileSync(join(dir, 'body-07c.ndjson'), `${repeated}\n${repeated}\n${repeated}\n`)
  writeFileSync(join(dir, 'body-08.json.gz'), gzipSync(`[${hookTexts(50, 700).join(',')}]`))
  for (const name of ['altcraft-history.json', 'altcraft-history.xml', 'smaily-cursor-page.json']) {
    copyFileSync(join(EXAMPLES, name), join(dir, `body-09-${name}`))
  }
  return dir
}

describe('evnorm normalize over many small inputs', () => {
  it('writes with several threads what one thread writes: events, rejections, exit code', async () => {
    const dir = inputs()
    const out = mkdtempSync(join(tmpdir(), 'evnorm-ahead-out-'))
    const runs = []
    for (const workers of ['1', '2', '4']) {
      const rejects = join(out, `rejects-${workers}.ndjson`)
      const run = await runInProcess(['normalize', '-q', '-w', workers, '-r', rejects, dir])
      runs.push({ ...run, rejects: readFileSync(rejects, 'utf8') })
    }
    const [one, ...more] = runs
    expect(one?.code).toBe(0)
    expect(one?.stdout.split('\n').length).toBeGreaterThan(3600)
    expect(one?.rejects).toContain('"locator":"$[7]"')
    expect(one?.rejects).toContain('"locator":"line 202"')
    expect(one?.stdout).toContain('"occurrence":3')
    for (const run of more) expect(run).toEqual(one)
  }, 60_000)

  it('stops at the same input, with the same line, after the same events', async () => {
    const dir = inputs()
    writeFileSync(join(dir, 'body-03.json'), `[${hookTexts(100, 0).join(',')}`)
    const one = await runInProcess(['normalize', '-q', '-w', '1', dir])
    const two = await runInProcess(['normalize', '-q', '-w', '2', dir])
    expect(one.code).toBe(2)
    expect(one.stderr).toContain('body-03.json')
    expect(two).toEqual(one)
  }, 60_000)
})
