export {
  createSmailyLogAdapter,
  type SmailyLogOptions,
  smailyLogAdapter,
} from './smaily-adapter.js'
export { nextSmailyCursor } from './smaily-cursor.js'
export { SMAILY_LOG_VOCABULARY } from './smaily-vocabulary.js'
