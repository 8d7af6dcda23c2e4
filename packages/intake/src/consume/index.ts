export {
  ConsumerSetupError,
  type ConsumeTotals,
  consumeQueue,
  type QueueConsumer,
  type QueueConsumerOptions,
} from './queue-consumer.js'
