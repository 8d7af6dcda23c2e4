const SIGNALS = ['SIGTERM', 'SIGINT'] as const

/** Resolves with the first SIGTERM or SIGINT the process receives (then stops listening). */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handlers = SIGNALS.map((signal) => {
      const handler = () => {
        for (const [name, registered] of handlers) process.off(name, registered)
        resolve(signal)
      }
      process.on(signal, handler)
      return [signal, handler] as const
    })
  })
}
