/** Columns many tables share. */
import { sql } from 'drizzle-orm'
import { text } from 'drizzle-orm/sqlite-core'

/** ISO 8601 UTC timestamps with milliseconds, set by SQLite when a row is written. */
export const timestamps = {
  createdAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  updatedAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
}
