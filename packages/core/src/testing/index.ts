export { byteChunks } from './byte-chunks.js'
export { describeUnavailable } from './describe-unavailable.js'
export { type AdapterFixtures, CONFORMANCE_TIME_ZONES, testAdapter } from './test-adapter.js'
