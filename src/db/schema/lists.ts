/**
 * A teacher's list: the items they are gathering for a lesson, in the order they will show them,
 * with a name. One list per signed-in teacher; a visitor keeps theirs in the browser instead.
 */
import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './accounts.ts'
import { revisioned, timestamps } from './columns.ts'

export const teacherLists = sqliteTable('teacher_lists', {
  teacherId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text().notNull().default(''),
  /** Item ids in the teacher's order; the whole order is written at once, so it never tears. */
  itemIds: text({ mode: 'json' }).$type<string[]>().notNull(),
  ...revisioned,
  ...timestamps,
})
