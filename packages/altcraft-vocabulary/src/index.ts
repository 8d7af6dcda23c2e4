export * from './altcraft-channel.js'
export * from './altcraft-subscription-status.js'
export * from './altcraft-verbs.js'
export * from './altcraft-vocabulary.js'
