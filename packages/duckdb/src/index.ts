export { DUCKDB_TABLES } from './duckdb-layout.js'
export { type DuckDbSink, type DuckDbSinkOptions, openDuckDbSink } from './duckdb-sink.js'
export { openParquetSink, type ParquetSinkOptions } from './parquet-sink.js'
