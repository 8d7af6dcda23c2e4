export { type AdapterFixtures, CONFORMANCE_TIME_ZONES, testAdapter } from './test-adapter.js'
