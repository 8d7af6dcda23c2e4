export * from './emulator-server.js'
export * from './memory-sink.js'
