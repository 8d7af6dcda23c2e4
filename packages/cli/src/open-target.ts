import { type ConflictPolicy, type Sink, SinkError } from '@evnorm/core/sink'

/** What {@link openTarget} gives: the open sink, or the one-line problem. */
export type OpenTargetResult =
  | { readonly success: true; readonly sink: Sink }
  | { readonly success: false; readonly problem: string }

/**
 * Opens the sink a `--to` target names: `duckdb:PATH`, `parquet:DIR` or a `postgres://` URL.
 * Database drivers load only here, so `evnorm normalize` never loads one.
 */
export async function openTarget(
  to: string,
  onConflict: ConflictPolicy,
): Promise<OpenTargetResult> {
  try {
    if (to.startsWith('duckdb:')) {
      const path = to.slice('duckdb:'.length)
      if (path === '') return usage('--to duckdb: needs a file path, e.g. duckdb:evnorm.duckdb')
      const { openDuckDbSink } = await import('@evnorm/duckdb')
      return { success: true, sink: await openDuckDbSink({ path, onConflict }) }
    }
    if (to.startsWith('parquet:')) {
      const directory = to.slice('parquet:'.length)
      if (directory === '') return usage('--to parquet: needs a directory, e.g. parquet:out')
      if (onConflict === 'update') {
        return usage('--on-conflict update needs a database target: Parquet files are only added')
      }
      const { openParquetSink } = await import('@evnorm/duckdb')
      return { success: true, sink: await openParquetSink({ directory }) }
    }
    if (to.startsWith('postgres://') || to.startsWith('postgresql://')) {
      const { openPostgresSink } = await import('@evnorm/postgres')
      return { success: true, sink: await openPostgresSink({ url: to, onConflict }) }
    }
    return usage(
      `unknown --to '${to}': use duckdb:PATH, postgres://USER@HOST:PORT/DATABASE or parquet:DIR`,
    )
  } catch (error) {
    if (!SinkError.isInstance(error)) throw error
    return { success: false, problem: error.message }
  }
}

function usage(problem: string): OpenTargetResult {
  return { success: false, problem }
}
