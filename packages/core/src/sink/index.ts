export { SinkError } from '../model/errors.js'
export { LAYOUT_VERSION } from './layout-version.js'
export { type RejectionRow, rejectionRow } from './rejection-row.js'
export * from './sink.js'
