import type { Rejection } from '@evnorm/core'
import { NormalizePool } from '@evnorm/core/parallel'
import { createUnitWriter, type UnitWriter } from '@evnorm/core/pull'
import {
  type EncodedEvents,
  eventCount,
  type Sink,
  SinkError,
  type StagedUnit,
  stageUnit,
  type UnitEvents,
} from '@evnorm/core/sink'
import type { LoadArgs } from './cli-args.js'
import { type CliIo, reportProblem } from './cli-io.js'
import { expandInputs } from './expand-inputs.js'
import { formatSummary, formatWarnings, type LoadTotals } from './format-summary.js'
import type { InputSpec } from './open-input.js'
import { openTarget } from './open-target.js'
import { privacyLine, privacyOptions, privacySummary } from './personal-data-args.js'
import { InputsAhead } from './read-ahead.js'
import { RunSummary } from './run-summary.js'
import { type BatchWriter, type InputRun, streamInput } from './stream-inputs.js'

/**
 * Records gathered into one unit (one transaction) before it is written, for a sink that takes
 * whole units: large enough that a commit's cost is spread thin, small enough that memory
 * stays bounded.
 */
export const UNIT_RECORDS = 50_000

/**
 * Events per unit for a sink that stages its units itself (`Sink.stage`: DuckDB's staging
 * file), so a unit costs no memory beyond a batch: exactly one of DuckDB's row groups. DuckDB
 * writes a unit of whole row groups straight into the database file instead of through its
 * log, and its checkpoint need not re-pack a part-filled row group; so a unit is cut at this
 * many events, inside a batch when it comes to that.
 */
export const STAGED_UNIT_EVENTS = 122_880

/** Records at which a staged unit ends with fewer events (an input of mostly rejected records). */
export const STAGED_UNIT_RECORDS = 2 * STAGED_UNIT_EVENTS

/**
 * `evnorm load`: streams every input through its feed's adapter into a sink, a unit at a time
 * (see {@link unitWriter}), each unit's events and rejections in one transaction. Exit codes as `normalize`: 0, 1 (`--strict` and a rejection) or 2 (usage error,
 * unreadable input, vendor error response, a target that cannot be opened or written).
 */
export async function runLoad(args: LoadArgs, io: CliIo): Promise<number> {
  const expanded = await expandInputs(args.inputs)
  if (!expanded.success) return reportProblem(io, expanded.name, expanded.problem)
  const privacy = privacyOptions(args.privacy, io.env)
  if (!privacy.success) return reportProblem(io, undefined, privacy.problem)
  const opened = await openTarget(args.to, args.onConflict)
  if (!opened.success) return reportProblem(io, undefined, opened.problem)
  const sink = opened.sink
  const units = createUnitWriter(sink)
  const summary = new RunSummary(io.now)
  const pool = new NormalizePool(args.workers)
  const run = {
    args,
    io,
    summary,
    pool,
    writer: unitWriter(sink, units),
    ...(privacy.options === undefined ? {} : { privacy: privacy.options }),
  }
  const problem = await loadInputs(run, expanded.inputs).finally(() => pool.close())
  const closed = await sink.close().then(
    () => undefined,
    (error: unknown) => error,
  )
  if (problem !== undefined) return reportProblem(io, problem.subject, problem.problem)
  if (closed !== undefined) {
    if (!SinkError.isInstance(closed)) throw closed
    return reportProblem(io, closed.target, closed.problem)
  }
  const data = summary.toData()
  const totals: LoadTotals = { target: sink.target, ...units.totals }
  if (args.jsonSummary) {
    io.stderr.write(
      `${JSON.stringify({ ...data, load: totals, ...privacySummary(privacy.options) })}\n`,
    )
  } else {
    if (!args.quiet) {
      io.stderr.write(formatSummary(data, { load: totals }) + privacyLine(privacy.options))
    }
    io.stderr.write(formatWarnings(data))
  }
  return args.strict && summary.rejected > 0 ? 1 : 0
}

/** Streams the inputs into the run's writer; the first problem, with what it is about, stops it. */
async function loadInputs(
  run: InputRun,
  inputs: readonly InputSpec[],
): Promise<{ subject: string; problem: string } | undefined> {
  try {
    const ahead = new InputsAhead(run, inputs)
    for (const [index, spec] of inputs.entries()) {
      const problem = await streamInput(run, spec, SinkError.isInstance, await ahead.take(index))
      if (problem !== undefined) return { subject: spec.name, problem }
    }
    return undefined
  } catch (error) {
    if (!SinkError.isInstance(error)) throw error
    return { subject: error.target, problem: error.problem }
  }
}

/**
 * Gathers batches into units and commits them in order, one unit in flight while the next is
 * normalized: the database works on one core while the adapters run on another. A unit holds up
 * to {@link UNIT_RECORDS} records, or, for a sink that stages units, {@link STAGED_UNIT_EVENTS}
 * events (up to {@link STAGED_UNIT_RECORDS} records).
 */
export function unitWriter(sink: Sink, units: UnitWriter): BatchWriter {
  const stages = sink.stage !== undefined
  const maxEvents = stages ? STAGED_UNIT_EVENTS : Number.POSITIVE_INFINITY
  const maxRecords = stages ? STAGED_UNIT_RECORDS : UNIT_RECORDS
  let staged: StagedUnit | undefined
  let records = 0
  const add = async (events: UnitEvents, rejections: readonly Rejection[], input: string) => {
    if (eventCount(events) === 0 && rejections.length === 0) return
    staged ??= stageUnit(sink, input)
    await staged.add(events, rejections)
  }
  const flush = async () => {
    const unit = staged
    staged = undefined
    records = 0
    if (unit !== undefined) await units.commit(unit)
  }
  return {
    async write(batch, _feed, input) {
      let events: EncodedEvents = { ndjson: batch.events, ids: batch.ids }
      let rejections = batch.rejections
      records += batch.counts.records
      while (events.ids.length >= maxEvents - (staged?.events ?? 0)) {
        const room = maxEvents - (staged?.events ?? 0)
        const [head, rest] = splitEvents(events, room)
        await add(head, rejections, input)
        await flush()
        events = rest
        rejections = []
      }
      await add(events, rejections, input)
      if (records >= maxRecords) await flush()
      return batch
    },
    async endInput() {
      await flush()
      await units.drain()
    },
  }
}

/** The first `count` events, and the rest. */
function splitEvents(events: EncodedEvents, count: number): [EncodedEvents, EncodedEvents] {
  let end = 0
  for (let line = 0; line < count; line++) end = events.ndjson.indexOf(10, end) + 1
  return [
    { ndjson: events.ndjson.subarray(0, end), ids: events.ids.slice(0, count) },
    { ndjson: events.ndjson.subarray(end), ids: events.ids.slice(count) },
  ]
}
