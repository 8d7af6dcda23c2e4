import { DuckDBInstance } from '@duckdb/node-api'

/** Rows of a query against a DuckDB file, opened and closed around it. */
export async function queryDuckDb(path: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(path)
  const connection = await instance.connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowsJS()
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}
