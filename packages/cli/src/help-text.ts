import type { CommandName } from './cli-args.js'
import { SOURCE_NAMES } from './sources.js'

const PERSONAL_HELP = `      --personal CLASS=ACTION[,…]   keep, drop or hash personal data by class: all,
                                    email, phone, ip, user_agent, geo, profile, raw
                                    (e.g. all=hash,geo=drop; README "Personal data")
      --hash-key-env NAME           the HMAC key for hash, from the environment variable
                                    NAME (never on the command line; 16 bytes or more)`

const GENERAL = `evnorm: normalize messaging vendors' engagement events into one canonical event model.

Usage:
  evnorm normalize [options] [FILE|DIR|-]...   vendor exports -> NDJSON of canonical events
  evnorm load [options] [FILE|DIR|-]...        vendor exports -> DuckDB, PostgreSQL or Parquet
  evnorm sync smaily|altcraft-history [options]
                                               vendor history APIs -> DuckDB or PostgreSQL
  evnorm serve altcraft-hooks --spool DIR [options]
                                               receive Altcraft's HTTP hook batches into a target
  evnorm consume altcraft-hooks --amqp URL --queue NAME [options]
                                               consume Altcraft's RabbitMQ hook queue into a target
  evnorm schema                                the canonical event's JSON Schema
  evnorm vocabulary [--source S] [--format md|json]
                                               vendor verb -> canonical type tables
  evnorm sources                               the feeds evnorm reads
  evnorm help [COMMAND]                        help on a command
  evnorm --version

Exit codes: 0 done (rejected records are data), 1 --strict and a record was rejected,
2 usage error, unreadable input, a vendor error response, a limit passed, lost output,
refused credentials, a pull that failed for good, or a target that cannot be opened or
written.
`

const NORMALIZE = `Usage: evnorm normalize [options] [FILE|DIR|-]...

Reads vendor exports (files, every data file of a directory, or standard input when no file
or '-' is given; .gz read transparently) and writes NDJSON of canonical events, one per line,
in input order. Memory stays bounded for NDJSON and JSON arrays of any size.

Options:
  -s, --source SOURCE   ${['auto', ...SOURCE_NAMES].join(' | ')} (default auto: detected
                        from the first 64 KB of each input, and said on stderr)
  -f, --format FORMAT   json | ndjson | xml | csv (default: from the file extension, then
                        from the content)
  -o, --out FILE        write events to FILE (default standard output), renamed into place
                        only when complete
  -r, --rejects FILE    write rejected records as NDJSON to FILE, with reason, message,
                        locator and raw record (default: only counted in the summary)
      --strict          exit 1 when any record was rejected
  -q, --quiet           no detection notes, progress bar or summary (warnings stay)
      --json-summary    print the summary on stderr as one JSON object
      --include-raw     attach the vendor record to each event as "raw"
  -w, --workers N       threads that normalize NDJSON and JSON arrays (default: the
                        available cores; 1: the main thread alone); the output is the same
                        for every N
      --max-record-size SIZE         longest NDJSON line or JSON record, in characters
                                     (default 64M; K, M, G units)
      --max-decompressed-size SIZE   most bytes one .gz input may expand to (default 64G)
      --max-compression-ratio N      most a .gz input may grow over its compressed size,
                                     checked past 64M (default 200)
${PERSONAL_HELP}
  -h, --help            this help

Examples:
  evnorm normalize examples/smaily-cursor-page.json
  evnorm normalize --source altcraft-hooks --rejects rejects.ndjson < hooks.json > events.ndjson
  zcat history.ndjson.gz | evnorm normalize -s altcraft-history -f ndjson --strict -o events.ndjson
`

const LOAD = `Usage: evnorm load [options] [FILE|DIR|-]...

Reads vendor exports as 'normalize' does and loads the events and rejected records into a
database: tables evnorm_events (one row per event, keyed by its id), evnorm_rejections,
evnorm_checkpoints and evnorm_meta, created when missing. Each unit (122,880 events into
DuckDB, up to 50,000 records into PostgreSQL) is stored in one transaction, and an event
already stored is not stored twice: loading the same input again, or again after a crash,
adds nothing twice.

Options:
  -t, --to TARGET       duckdb:PATH (default duckdb:evnorm.duckdb) |
                        postgres://USER@HOST:PORT/DATABASE (password from PGPASSWORD or
                        the URL; never printed) | parquet:DIR (one file per day of
                        occurred_at under DIR/evnorm_events/, rejections under
                        DIR/evnorm_rejections/)
      --on-conflict WHAT  nothing (default: keep the stored event) | update (replace it,
                        e.g. after upgrading evnorm)
  -s, --source SOURCE   ${['auto', ...SOURCE_NAMES].join(' | ')} (default auto)
  -f, --format FORMAT   json | ndjson | xml | csv (default: from the extension, then content)
      --strict          exit 1 when any record was rejected
  -q, --quiet           no detection notes, progress bar or summary (warnings stay)
      --json-summary    print the summary on stderr as one JSON object, with "load" totals
      --include-raw     store the vendor record in each event as "raw"
  -w, --workers N       threads that normalize, as for 'normalize' (default: the available
                        cores)
      --max-record-size, --max-decompressed-size, --max-compression-ratio
                        input limits, as for 'normalize'
${PERSONAL_HELP}
  -h, --help            this help

Examples:
  evnorm load examples
  evnorm load --to postgres://etl@db.internal:5432/warehouse history-*.json
  evnorm load --to parquet:lake/ --source smaily-log export.ndjson.gz
`

const SYNC = `Usage: evnorm sync smaily|altcraft-history [--to TARGET] [--once | --follow --interval 60s]

Pulls the vendor's action history into a database, page by page from where the last sync
stopped. Each page's events, rejected records and new checkpoint (table evnorm_checkpoints) are
stored in one transaction, so a sync killed at any point and started again resumes with nothing
lost and nothing stored twice.

  smaily             Smaily api/history.php by seq_id (limit 10000), from since_seq_id=0 the
                     first time. Stream smaily:<SMAILY_SUBDOMAIN>. Warns when the checkpoint is
                     older than Smaily's 30-day retention.
  altcraft-history   Altcraft history_get_all in day windows (UTC) from the checkpoint's day,
                     less --overlap-days, to today, paged by from_id. Stream
                     altcraft-history:list-<ALTCRAFT_LIST_ID>.

Environment (credentials are read only from here, and never printed):
  SMAILY_SUBDOMAIN, SMAILY_USERNAME, SMAILY_PASSWORD
  SMAILY_BASE_URL       default https://<subdomain>.sendsmaily.net
  ALTCRAFT_TOKEN, ALTCRAFT_LIST_ID
  ALTCRAFT_BASE_URL     default https://ru.altkraft.com (on-premises: your host)

Options:
  -t, --to TARGET       as 'evnorm load' (default duckdb:evnorm.duckdb)
      --once            catch up and exit 0 (the default)
      --follow          catch up, then poll every --interval until SIGTERM or SIGINT;
                        the page in hand is finished and stored, then exit 0
      --interval TIME   60s (default), 5m, 1h, 500ms
      --rate N          requests per second at most, retries included (default 5)
      --limit N         rows per request (default smaily 10000, altcraft-history 1000)
      --since DAY       altcraft-history: first day without a checkpoint (default 30 days ago)
      --overlap-days N  altcraft-history: days before the checkpoint's read again (default 1)
  -q, --quiet           no progress lines or summary on stderr
      --json-summary    print the summary on stderr as one JSON object
${PERSONAL_HELP}
  -h, --help            this help

Requests answered 429 or 5xx, cut off or lost are retried with exponential backoff and
jitter (6 attempts). Refused credentials and vendor error answers stop the sync at once.

Examples:
  SMAILY_SUBDOMAIN=acme SMAILY_USERNAME=api SMAILY_PASSWORD=... evnorm sync smaily
  evnorm sync altcraft-history --to postgres://etl@db.internal:5432/warehouse --follow --interval 5m
`

const SERVE = `Usage: evnorm serve altcraft-hooks --spool DIR [options]

Receives Altcraft action hooks sent as "HTTP POST JSON batch" and loads their events into a
target. Each accepted body is appended to the spool and synced to disk before the answer
"200 OK"; a loader drains the spool into the target in the background (events and rejected
records, each event stored once), and removes what it loaded. No error answer contains "OK",
so set the hook's success regex to .*OK.* (or leave it empty: any 200 counts).

Answers: 200 OK stored | 400 unreadable (kept under DIR/dead-letters/) | 401 missing or wrong
token | 405 not POST | 408 body too slow | 413 body too large | 415 not JSON | 503 spool disk
full or stopping | 500 not stored. GET /healthz and GET /metrics (Prometheus) are served too.
SIGTERM or SIGINT: stop accepting, finish requests in flight, drain the spool, exit 0.

Options:
      --spool DIR       the spool directory (required; created when missing; what a crash
                        left there is loaded first)
  -t, --to TARGET       duckdb:PATH (default duckdb:evnorm.duckdb) | postgres://… | parquet:DIR
      --host HOST       interface to listen on (default 127.0.0.1)
      --port PORT       port (default 8080)
      --path PATH       the hook path (default /hooks)
      --token-env NAME  require "Authorization: Bearer <token>" with the token in the
                        environment variable NAME
      --max-body SIZE   larger bodies get 413 (default 16mb; kb, mb, gb)
${PERSONAL_HELP}
  -h, --help            this help

Example:
  HOOK_TOKEN=… evnorm serve altcraft-hooks --spool /var/spool/evnorm --to postgres://etl@db/warehouse --token-env HOOK_TOKEN
`

const CONSUME = `Usage: evnorm consume altcraft-hooks --amqp URL --queue NAME [options]

Consumes the RabbitMQ queue an Altcraft action hook publishes to (one event per message) and
loads the events into a target. Messages are written in units of up to --prefetch, and each
message is acknowledged only after its unit is committed; a message that cannot be read at all
goes to the queue NAME.dead-letter (never requeued). A lost connection is retried with
backoff. Run several on one queue to share the work: every message is loaded once.
SIGTERM or SIGINT: write what was received, close, exit 0.

Options:
      --amqp URL        the broker, e.g. amqp://user:password@host:5672/vhost (required)
      --queue NAME      the queue (required; it must exist)
  -t, --to TARGET       duckdb:PATH (default duckdb:evnorm.duckdb) | postgres://… | parquet:DIR
      --prefetch N      unacknowledged messages at a time, and the largest unit (default 500)
${PERSONAL_HELP}
  -h, --help            this help

Example:
  evnorm consume altcraft-hooks --amqp amqp://evnorm:…@mq.internal/altcraft --queue hooks --to postgres://etl@db/warehouse
`

const SCHEMA = `Usage: evnorm schema

Prints the JSON Schema (draft 2020-12) of the canonical event, the one published as
@evnorm/core/schema.json.
`

const VOCABULARY = `Usage: evnorm vocabulary [--source SOURCE] [--format md|json]

Prints each feed's mapping of vendor verbs to canonical types: verb, canonical type, channel
(or "from the record"), fixed details and the vendor's meaning.

Options:
  -s, --source SOURCE   ${SOURCE_NAMES.join(' | ')} (default: every feed)
  -f, --format FORMAT   md (Markdown tables, the default) | json
  -h, --help            this help
`

const SOURCES = `Usage: evnorm sources

Lists the feeds: --source name, feed id, input formats, known verbs and what the feed is.
`

const TOPICS: Readonly<Record<CommandName, string>> = {
  normalize: NORMALIZE,
  load: LOAD,
  sync: SYNC,
  serve: SERVE,
  consume: CONSUME,
  schema: SCHEMA,
  vocabulary: VOCABULARY,
  sources: SOURCES,
}

/** The help text of `evnorm --help`, or of one command. */
export function helpText(topic?: CommandName): string {
  return topic === undefined ? GENERAL : TOPICS[topic]
}
