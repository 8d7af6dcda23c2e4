import type { CommandName } from './cli-args.js'
import { SOURCE_NAMES } from './sources.js'

const GENERAL = `evnorm: normalize messaging vendors' engagement events into one canonical event model.

Usage:
  evnorm normalize [options] [FILE|DIR|-]...   vendor exports -> NDJSON of canonical events
  evnorm schema                                the canonical event's JSON Schema
  evnorm vocabulary [--source S] [--format md|json]
                                               vendor verb -> canonical type tables
  evnorm sources                               the feeds evnorm reads
  evnorm help [COMMAND]                        help on a command
  evnorm --version

Exit codes: 0 done (rejected records are data), 1 --strict and a record was rejected,
2 usage error, unreadable input, a vendor error response, a limit passed or lost output.
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
  -q, --quiet           no detection notes, progress bar or summary on stderr
      --json-summary    print the summary on stderr as one JSON object
      --include-raw     attach the vendor record to each event as "raw"
      --max-record-size SIZE         longest NDJSON line or JSON record, in characters
                                     (default 64M; K, M, G units)
      --max-decompressed-size SIZE   most bytes one .gz input may expand to (default 64G)
      --max-compression-ratio N      most a .gz input may grow over its compressed size,
                                     checked past 64M (default 200)
  -h, --help            this help

Examples:
  evnorm normalize examples/smaily-cursor-page.json
  evnorm normalize --source altcraft-hooks --rejects rejects.ndjson < hooks.json > events.ndjson
  zcat history.ndjson.gz | evnorm normalize -s altcraft-history -f ndjson --strict -o events.ndjson
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
  schema: SCHEMA,
  vocabulary: VOCABULARY,
  sources: SOURCES,
}

/** The help text of `evnorm --help`, or of one command. */
export function helpText(topic?: CommandName): string {
  return topic === undefined ? GENERAL : TOPICS[topic]
}
