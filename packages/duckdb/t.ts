import { readFileSync, rmSync } from 'node:fs'
import { openDuckDbSink } from './src/index.ts'
rmSync('/tmp/q.duckdb', { force: true }); rmSync('/tmp/q.duckdb.wal', { force: true })
const events = readFileSync('/tmp/e200k.ndjson', 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l))
const sink = await openDuckDbSink({ path: process.argv[2] ?? '/tmp/q.duckdb' })
for (let i = 0; i < events.length; i += 50000) {
  const t = performance.now()
  await sink.write({ events: events.slice(i, i + 50000), rejections: [], origin: 'x' })
  console.log('unit', Math.round(performance.now() - t))
}
const t = performance.now(); await sink.close(); console.log('close', Math.round(performance.now() - t))
