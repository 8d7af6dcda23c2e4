export type { ReceivedRequest, ScheduledFault, TransportFault } from '@evnorm/core/emulator'
export {
  type AltcraftEmulator,
  type AltcraftEmulatorOptions,
  type AltcraftEmulatorRecord,
  type AltcraftFault,
  startAltcraftEmulator,
} from './altcraft-emulator.js'
