import { type Adapter, type CanonicalEvent, normalize, type Rejection } from '@evnorm/core'

/** Bodies normalized for one sink unit. */
export interface NormalizedBodies {
  readonly events: CanonicalEvent[]
  readonly rejections: Rejection[]
  /** Bodies that could not be read at all, by position, with the reason. */
  readonly unreadable: { readonly index: number; readonly reason: string }[]
}

/** Normalizes each body (an HTTP request body, a broker message) on its own and gathers the outcomes. */
export function normalizeBodies(adapter: Adapter, bodies: readonly Uint8Array[]): NormalizedBodies {
  const gathered: NormalizedBodies = { events: [], rejections: [], unreadable: [] }
  bodies.forEach((body, index) => {
    const result = normalize(adapter, body)
    if (!result.success) {
      gathered.unreadable.push({ index, reason: result.error.message })
      return
    }
    for (const event of result.events) gathered.events.push(event)
    for (const rejection of result.rejections) gathered.rejections.push(rejection)
  })
  return gathered
}
