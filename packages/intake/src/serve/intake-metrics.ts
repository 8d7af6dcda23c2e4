import type { SpoolBacklog } from './spool.js'

/** Counters of a hook server, rendered in the Prometheus text format. */
export class IntakeMetrics {
  readonly #requests = new Map<number, number>()
  /** Bodies stored in the spool (each answered 200). */
  bodiesSpooled = 0
  /** Bytes of those bodies. */
  bytesSpooled = 0
  /** Unreadable bodies kept as dead letters (each answered 400). */
  deadLetters = 0
  /** Events in units the sink committed (new or already stored). */
  eventsLoaded = 0
  /** Of those, events the sink did not hold before. */
  eventsInserted = 0
  /** Rejected records in units the sink committed. */
  rejections = 0
  /** Units the sink refused (retried later). */
  sinkFailures = 0

  /** Counts one answered request. */
  countRequest(status: number): void {
    this.#requests.set(status, (this.#requests.get(status) ?? 0) + 1)
  }

  /** Answers of one status so far. */
  requests(status: number): number {
    return this.#requests.get(status) ?? 0
  }

  /** The metrics page, with the spool backlog as of `now`. */
  render(backlog: SpoolBacklog, now = Date.now()): string {
    const seconds = backlog.oldestAt === undefined ? 0 : Math.max(0, now - backlog.oldestAt) / 1000
    const requests = [...this.#requests].sort(([a], [b]) => a - b)
    return [
      '# HELP evnorm_intake_requests_total Requests answered, by status (not counting /healthz and /metrics).',
      '# TYPE evnorm_intake_requests_total counter',
      ...requests.map(
        ([status, count]) => `evnorm_intake_requests_total{status="${status}"} ${count}`,
      ),
      ...counter('bodies_spooled_total', 'Bodies stored in the spool.', this.bodiesSpooled),
      ...counter(
        'bytes_spooled_total',
        'Bytes of the bodies stored in the spool.',
        this.bytesSpooled,
      ),
      ...counter('dead_letters_total', 'Unreadable bodies kept as dead letters.', this.deadLetters),
      ...counter('events_loaded_total', 'Events in units the sink committed.', this.eventsLoaded),
      ...counter(
        'events_inserted_total',
        'Events the sink did not hold before.',
        this.eventsInserted,
      ),
      ...counter('rejections_total', 'Rejected records in committed units.', this.rejections),
      ...counter('sink_failures_total', 'Units the sink refused (retried).', this.sinkFailures),
      ...gauge('spool_backlog_bytes', 'Bytes in the spool not loaded yet.', backlog.bytes),
      ...gauge('spool_backlog_seconds', 'Age of the oldest body not loaded yet.', seconds),
      '',
    ].join('\n')
  }
}

function counter(name: string, help: string, value: number): string[] {
  return metric(name, 'counter', help, value)
}

function gauge(name: string, help: string, value: number): string[] {
  return metric(name, 'gauge', help, value)
}

function metric(name: string, type: string, help: string, value: number): string[] {
  const full = `evnorm_intake_${name}`
  return [`# HELP ${full} ${help}`, `# TYPE ${full} ${type}`, `${full} ${value}`]
}
