/** Threads on items and misconceptions, posts, their revisions, endorsements and flags. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './accounts.ts'
import { workgroups } from './workgroups.ts'

export const threadTargetKinds = ['item', 'misconception'] as const
export type ThreadTargetKind = (typeof threadTargetKinds)[number]

/**
 * A thread on an item or a misconception. `workgroupId` null means public (anyone reads, signed-in
 * teachers write); otherwise only that workgroup's members can see it at all.
 */
export const threads = sqliteTable(
  'threads',
  {
    id: text().primaryKey(),
    targetKind: text({ enum: threadTargetKinds }).notNull(),
    /** An item id or a misconception slug; not a foreign key because it points at two tables. */
    targetId: text().notNull(),
    workgroupId: text().references(() => workgroups.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    lastPostAt: text().notNull(),
    /** The answer the thread's author accepted, when its first post is a question. */
    acceptedPostId: text(),
    lockedAt: text(),
    lockedBy: text(),
    lockReason: text(),
  },
  (t) => [
    index('threads_target_idx').on(t.targetKind, t.targetId),
    index('threads_workgroup_idx').on(t.workgroupId, t.lastPostAt),
  ],
)

/**
 * What a post is. The first four start a discussion; `answer` (to a question) and `comment` are
 * what most replies are. A text column: adding a kind needs no migration.
 */
export const postKinds = ['evidence', 'question', 'idea', 'challenge', 'answer', 'comment'] as const
export type PostKind = (typeof postKinds)[number]

/** Counts from a classroom: never names, only how many pupils chose each option. */
export interface EvidenceCounts {
  pupilsAsked: number
  counts: Partial<Record<'A' | 'B' | 'C' | 'D' | 'E', number>>
}

export const posts = sqliteTable(
  'posts',
  {
    id: text().primaryKey(),
    threadId: text()
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    authorId: text()
      .notNull()
      .references(() => users.id),
    parentId: text(),
    quotePostId: text(),
    kind: text({ enum: postKinds }).notNull(),
    bodySource: text().notNull(),
    bodyHtml: text().notNull(),
    evidence: text({ mode: 'json' }).$type<EvidenceCounts>(),
    revision: integer().notNull().default(1),
    createdAt: text().notNull(),
    editedAt: text(),
    /** A tombstone: the body is emptied, the row stays so replies keep their place. */
    deletedAt: text(),
    hiddenAt: text(),
    hiddenBy: text(),
    hiddenReason: text(),
  },
  (t) => [
    index('posts_thread_idx').on(t.threadId, t.createdAt, t.id),
    index('posts_author_idx').on(t.authorId, t.createdAt),
  ],
)

/** Every version of a post's body, the first included, so readers can see what changed. */
export const postRevisions = sqliteTable(
  'post_revisions',
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    revision: integer().notNull(),
    kind: text({ enum: postKinds }).notNull(),
    bodySource: text().notNull(),
    bodyHtml: text().notNull(),
    evidence: text({ mode: 'json' }).$type<EvidenceCounts>(),
    createdAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.revision] })],
)

/** An endorsement: one per person per post. */
export const postReactions = sqliteTable(
  'post_reactions',
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
)

export const postFlags = sqliteTable(
  'post_flags',
  {
    postId: text()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text().notNull(),
    createdAt: text().notNull(),
    /** Set when a moderator hides or restores the post: the flag leaves the queue. */
    resolvedAt: text(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.userId] }),
    index('post_flags_open_idx').on(t.resolvedAt, t.createdAt),
  ],
)
