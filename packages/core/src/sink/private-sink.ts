import { createPrivacy, type PrivacyOptions } from '../privacy/privacy.js'
import type { Sink } from './sink.js'
import { eventObjects } from './unit-events.js'

/**
 * A sink that writes each unit to `sink` with its events and rejections under the privacy
 * policy (see `createPrivacy`), for units normalized without the `privacy` option (a pull,
 * an intake). Values already hashed are not hashed again, so a unit normalized under the same
 * policy passes unchanged. Throws (programmer misuse) on options `createPrivacy` refuses.
 */
export function withPrivacy(sink: Sink, options: PrivacyOptions): Sink {
  const privacy = createPrivacy(options)
  if (!privacy.active) return sink
  return {
    get target() {
      return sink.target
    },
    write: (unit) =>
      sink.write({
        ...unit,
        events: eventObjects(unit.events).map((event) => privacy.event(event)),
        rejections: unit.rejections.map((rejection) => privacy.rejection(rejection)),
      }),
    readCheckpoint: (stream) => sink.readCheckpoint(stream),
    close: () => sink.close(),
  }
}
