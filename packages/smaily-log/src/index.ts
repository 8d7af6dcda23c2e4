export {
  createSmailyLogAdapter,
  type SmailyLogOptions,
  smailyLogAdapter,
} from './smaily-adapter.js'
export { SMAILY_LOG_VOCABULARY } from './smaily-vocabulary.js'
