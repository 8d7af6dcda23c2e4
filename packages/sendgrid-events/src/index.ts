export * from './sendgrid-events-adapter.js'
export { SENDGRID_EVENTS_VOCABULARY } from './sendgrid-events-vocabulary.js'
