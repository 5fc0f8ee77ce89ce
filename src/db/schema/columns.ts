/** Columns many tables share. */
import { sql } from 'drizzle-orm'
import { integer, text } from 'drizzle-orm/sqlite-core'

/** ISO 8601 UTC timestamps with milliseconds, set by SQLite when a row is written. */
export const timestamps = {
  createdAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  updatedAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
}

/**
 * Optimistic concurrency: every edit bumps it and it is sent as the resource's ETag, so a PUT or
 * PATCH whose If-Match names an older revision is refused (412) instead of overwriting unseen work.
 */
export const revisioned = { revision: integer().notNull().default(1) }
