/**
 * Class evidence: teachers' classes, live sessions, the tallies every closed question leaves, and
 * workgroup enquiries. No pupil data, ever: a class is a teacher's label and a year group, a
 * tally is counts per option, and nothing here can name or follow a pupil.
 */
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { items, misconceptions, users, workgroups } from '../schema.ts'
import { revisioned } from './columns.ts'

const createdAt = text()
  .notNull()
  .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`)

/** A teacher's class: "8X2", Year 8, optionally a school. Never a list of pupils. */
export const classes = sqliteTable(
  'classes',
  {
    id: text().primaryKey(),
    teacherId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text().notNull(),
    year: integer().notNull(),
    school: text(),
    ...revisioned,
    createdAt,
  },
  (t) => [index('classes_teacher_idx').on(t.teacherId)],
)

/** Where a live session's questions came from, so its page can say so. */
export interface LiveSource {
  kind: 'item' | 'items' | 'set'
  setId?: string
  version?: number
}

/** A pinned question of a live session: the item and the revision the class was shown. */
export interface LiveQuestion {
  itemId: string
  revision: number
  labels: string[]
}

/**
 * A live session: its join code and what it shows. The votes themselves live in the session's
 * Durable Object; D1 keeps what is needed to find it and who runs it, and the tallies it leaves.
 */
export const liveSessions = sqliteTable(
  'live_sessions',
  {
    id: text().primaryKey(),
    code: text().notNull(),
    classId: text()
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    teacherId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    questions: text({ mode: 'json' }).$type<LiveQuestion[]>().notNull(),
    source: text({ mode: 'json' }).$type<LiveSource>().notNull(),
    startedAt: text().notNull(),
    endedAt: text(),
  },
  (t) => [
    uniqueIndex('live_sessions_code_idx').on(t.code),
    index('live_sessions_teacher_idx').on(t.teacherId, t.startedAt),
  ],
)

export const tallySources = ['live', 'typed'] as const

/**
 * One closed question: which class answered which item revision, when, and how many chose each
 * option. `year` is the class's year group on the day, so prevalence by year stays true after
 * the class moves up.
 */
export const tallies = sqliteTable(
  'tallies',
  {
    id: text().primaryKey(),
    teacherId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    classId: text()
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    itemRevision: integer().notNull(),
    /** Null for counts typed outside a live session. */
    sessionId: text().references(() => liveSessions.id, { onDelete: 'set null' }),
    source: text({ enum: tallySources }).notNull(),
    year: integer().notNull(),
    /** The day the class answered (YYYY-MM-DD). */
    takenOn: text().notNull(),
    pupilsAnswering: integer().notNull(),
    createdAt,
  },
  (t) => [
    index('tallies_item_idx').on(t.itemId),
    index('tallies_class_idx').on(t.classId, t.takenOn),
    index('tallies_teacher_idx').on(t.teacherId),
  ],
)

/** How many pupils chose each option of a tally (one row per option, zeros included). */
export const tallyCounts = sqliteTable(
  'tally_counts',
  {
    tallyId: text()
      .notNull()
      .references(() => tallies.id, { onDelete: 'cascade' }),
    label: text().notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tallyId, t.label] })],
)

export const enquiryStatuses = ['open', 'closed'] as const

/**
 * A workgroup's impact enquiry: a question, focus misconceptions, a pre check and a post check
 * with their dates. A tally counts towards the pre (or post) check when its class takes part,
 * its item is one of that check's items and it was taken within that check's dates.
 */
export const enquiries = sqliteTable(
  'enquiries',
  {
    id: text().primaryKey(),
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    question: text().notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    preFrom: text().notNull(),
    preTo: text().notNull(),
    postFrom: text().notNull(),
    postTo: text().notNull(),
    status: text({ enum: enquiryStatuses }).notNull().default('open'),
    summary: text(),
    closedAt: text(),
    /** Set when the lead shares the closed enquiry publicly (counts and summary only). */
    sharedAt: text(),
    /** Whether the public view may show class labels and schools; off unless the lead says so. */
    showClassLabels: integer({ mode: 'boolean' }).notNull().default(false),
    createdAt,
  },
  (t) => [index('enquiries_workgroup_idx').on(t.workgroupId, t.createdAt)],
)

export const enquiryMisconceptions = sqliteTable(
  'enquiry_misconceptions',
  {
    enquiryId: text()
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    misconceptionSlug: text()
      .notNull()
      .references(() => misconceptions.slug),
  },
  (t) => [primaryKey({ columns: [t.enquiryId, t.misconceptionSlug] })],
)

export const checkPhases = ['pre', 'post'] as const
export type CheckPhase = (typeof checkPhases)[number]

export const enquiryItems = sqliteTable(
  'enquiry_items',
  {
    enquiryId: text()
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    phase: text({ enum: checkPhases }).notNull(),
    position: integer().notNull(),
    itemId: text()
      .notNull()
      .references(() => items.id),
  },
  (t) => [primaryKey({ columns: [t.enquiryId, t.phase, t.position] })],
)

/** A member's class taking part in an enquiry. */
export const enquiryClasses = sqliteTable(
  'enquiry_classes',
  {
    enquiryId: text()
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    classId: text()
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    addedBy: text().notNull(),
    addedAt: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.enquiryId, t.classId] }),
    index('enquiry_classes_class_idx').on(t.classId),
  ],
)
