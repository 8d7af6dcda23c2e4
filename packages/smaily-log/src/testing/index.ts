export type { ReceivedRequest, ScheduledFault, TransportFault } from '@evnorm/core/emulator'
export {
  type SmailyEmulator,
  type SmailyEmulatorOptions,
  type SmailyEmulatorRow,
  type SmailyFault,
  startSmailyEmulator,
} from './smaily-emulator.js'
