export {
  CONNECT_TIMEOUT_MS,
  openPostgresSink,
  type PostgresSinkOptions,
} from './open-postgres-sink.js'
