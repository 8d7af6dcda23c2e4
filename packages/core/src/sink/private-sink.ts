import { createPrivacy, type Privacy, type PrivacyOptions } from '../privacy/privacy.js'
import type { Sink, StagedUnit } from './sink.js'
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
  const stage = sink.stage?.bind(sink)
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
    ...(stage === undefined
      ? {}
      : { stage: (origin: string) => privateStage(stage(origin), privacy) }),
    readCheckpoint: (stream) => sink.readCheckpoint(stream),
    close: () => sink.close(),
  }
}

/** `staged`, its batches added under the privacy policy. */
function privateStage(staged: StagedUnit, privacy: Privacy): StagedUnit {
  return {
    get events() {
      return staged.events
    },
    add: (events, rejections) =>
      staged.add(
        eventObjects(events).map((event) => privacy.event(event)),
        rejections.map((rejection) => privacy.rejection(rejection)),
      ),
    commit: (checkpoint) => staged.commit(checkpoint),
  }
}
