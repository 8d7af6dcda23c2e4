export type { CliIo } from './cli-io.js'
export { DETECTION_HEAD_BYTES, detectSource, type SourceDetection } from './detect-source.js'
export { runCli } from './run-cli.js'
export {
  isSourceName,
  SOURCE_NAMES,
  SOURCES,
  type SourceEntry,
  type SourceName,
} from './sources.js'
