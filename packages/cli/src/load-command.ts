import { createUnitWriter, type UnitWriter } from '@evnorm/core/pull'
import { type Sink, SinkError, type StagedUnit, stageUnit } from '@evnorm/core/sink'
import type { LoadArgs } from './cli-args.js'
import { type CliIo, reportProblem } from './cli-io.js'
import { expandInputs } from './expand-inputs.js'
import { formatSummary, formatWarnings, type LoadTotals } from './format-summary.js'
import type { InputSpec } from './open-input.js'
import { openTarget } from './open-target.js'
import { privacyLine, privacyOptions, privacySummary } from './personal-data-args.js'
import { RunSummary } from './run-summary.js'
import { type BatchWriter, type InputRun, streamInput } from './stream-inputs.js'

/**
 * Records gathered into one unit (one transaction) before it is written, for a sink that takes
 * whole units: large enough that a commit's cost is spread thin, small enough that memory
 * stays bounded.
 */
export const UNIT_RECORDS = 50_000

/**
 * Records per unit for a sink that stages units itself (`Sink.stage`, e.g. DuckDB's staging
 * file), so a unit costs no memory beyond a batch: two of DuckDB's row groups (122,880 rows
 * each), which DuckDB writes straight into the database file instead of through its log.
 */
export const STAGED_UNIT_RECORDS = 245_760

/**
 * `evnorm load`: streams every input through its feed's adapter into a sink, a unit of up to
 * {@link UNIT_RECORDS} records at a time, each unit's events and rejections in one
 * transaction. Exit codes as `normalize`: 0, 1 (`--strict` and a rejection) or 2 (usage error,
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
  const run = {
    args,
    io,
    summary,
    writer: unitWriter(sink, units),
    ...(privacy.options === undefined ? {} : { privacy: privacy.options }),
  }
  const problem = await loadInputs(run, expanded.inputs)
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
    for (const spec of inputs) {
      const problem = await streamInput(run, spec, SinkError.isInstance)
      if (problem !== undefined) return { subject: spec.name, problem }
    }
    return undefined
  } catch (error) {
    if (!SinkError.isInstance(error)) throw error
    return { subject: error.target, problem: error.problem }
  }
}

/**
 * Gathers batches into units of up to {@link UNIT_RECORDS} records ({@link STAGED_UNIT_RECORDS}
 * for a sink that stages them) and commits them in order, one unit in flight while the next is
 * normalized: the database works on one core while the adapters run on another.
 */
function unitWriter(sink: Sink, units: UnitWriter): BatchWriter {
  const limit = sink.stage === undefined ? UNIT_RECORDS : STAGED_UNIT_RECORDS
  let staged: StagedUnit | undefined
  let records = 0
  const flush = async () => {
    const unit = staged
    const counted = records
    staged = undefined
    records = 0
    if (unit !== undefined && counted > 0) await units.commit(unit)
  }
  return {
    async write(batch, _feed, input) {
      staged ??= stageUnit(sink, input)
      await staged.add(batch.events, batch.rejections)
      records += batch.counts.records
      if (records >= limit) await flush()
      return batch
    },
    async endInput() {
      await flush()
      await units.drain()
    },
  }
}
