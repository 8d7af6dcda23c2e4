/**
 * Version of the table layout SQL sinks create (`evnorm_events`, `evnorm_rejections`,
 * `evnorm_checkpoints`, `evnorm_meta`), stored in `evnorm_meta`. A sink refuses a database
 * whose layout is newer than the one it knows.
 */
export const LAYOUT_VERSION = 1
