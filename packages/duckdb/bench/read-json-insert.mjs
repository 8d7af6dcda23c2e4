// The hand-written floor of `evnorm load` into DuckDB: with the evnorm tables created, one
// `INSERT … SELECT` from DuckDB's NDJSON reader of a file of canonical events (as written by
// `evnorm normalize`) into evnorm_events, with the same column expressions the sink uses (the
// fastest a user could write by hand; `read_json`'s auto-detected structs cannot read fields
// that only some events have). Usage: node read-json-insert.mjs DATABASE EVENTS.ndjson
// Prints the rows inserted and the seconds the insert took, as one JSON line.
import { DuckDBInstance } from '@duckdb/node-api'
import { selectEventsSql } from '../dist/duckdb-layout.js'
import { literal, openDuckDbSink } from '../dist/duckdb-sink.js'

const [database, events] = process.argv.slice(2)
await (await openDuckDbSink({ path: database })).close()
const instance = await DuckDBInstance.create(database)
const connection = await instance.connect()
const started = performance.now()
const result = await connection.run(`INSERT INTO evnorm_events ${selectEventsSql(literal(events))}`)
const seconds = (performance.now() - started) / 1000
connection.closeSync()
instance.closeSync()
process.stdout.write(`${JSON.stringify({ rows: result.rowsChanged, seconds })}\n`)
