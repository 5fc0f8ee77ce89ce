/**
 * The database schema, in one module. drizzle-kit generates `migrations/` from it
 * (`npm run db:generate`); wrangler applies them. Keys are camelCase here and snake_case in SQL.
 *
 * Every piece of Markdown/TeX is stored twice: the source as written, and the HTML KaTeX and
 * markdown-it rendered when it was written, so reads never render.
 */
import { sql } from 'drizzle-orm'
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'

const timestamps = {
  createdAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  updatedAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
}

/** A strand of the National Curriculum (e.g. "Fractions, decimals and percentages"). */
export const strands = sqliteTable('strands', {
  slug: text().primaryKey(),
  name: text().notNull(),
  position: integer().notNull(),
})

/** A topic within a strand, with the key stages the curriculum teaches it in. */
export const topics = sqliteTable(
  'topics',
  {
    slug: text().primaryKey(),
    strandSlug: text()
      .notNull()
      .references(() => strands.slug),
    name: text().notNull(),
    keyStages: text({ mode: 'json' }).$type<number[]>().notNull(),
    position: integer().notNull(),
  },
  (t) => [index('topics_strand_idx').on(t.strandSlug)],
)

export const misconceptions = sqliteTable(
  'misconceptions',
  {
    slug: text().primaryKey(),
    title: text().notNull(),
    topicSlug: text()
      .notNull()
      .references(() => topics.slug),
    descriptionSource: text().notNull(),
    descriptionHtml: text().notNull(),
    whyItArisesSource: text().notNull(),
    whyItArisesHtml: text().notNull(),
    howToAddressSource: text().notNull(),
    howToAddressHtml: text().notNull(),
    references: text({ mode: 'json' }).$type<{ citation: string; url?: string }[]>().notNull(),
    /** Hash of the source fields: updatedAt only moves when the content really changed. */
    contentHash: text().notNull(),
    ...timestamps,
  },
  (t) => [index('misconceptions_topic_idx').on(t.topicSlug)],
)

/** Symmetric in meaning, stored in the direction it was written. */
export const misconceptionRelations = sqliteTable(
  'misconception_relations',
  {
    slug: text()
      .notNull()
      .references(() => misconceptions.slug, { onDelete: 'cascade' }),
    relatedSlug: text()
      .notNull()
      .references(() => misconceptions.slug, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.slug, t.relatedSlug] })],
)

export const itemStatuses = ['draft', 'review', 'published'] as const
export type ItemStatus = (typeof itemStatuses)[number]

export const items = sqliteTable(
  'items',
  {
    /** Stable public id, e.g. `perimeter-of-a-3-by-5-rectangle`. */
    id: text().primaryKey(),
    construct: text().notNull(),
    topicSlug: text()
      .notNull()
      .references(() => topics.slug),
    stemSource: text().notNull(),
    stemHtml: text().notNull(),
    /** Sanitized SVG, or null. */
    diagramSvg: text(),
    multipleAnswers: integer({ mode: 'boolean' }).notNull().default(false),
    source: text().notNull(),
    licence: text().notNull(),
    status: text({ enum: itemStatuses }).notNull(),
    contentHash: text().notNull(),
    /** The hub whose curators author it through the API; null for content/ and imports. */
    hubSlug: text(),
    ...timestamps,
  },
  (t) => [index('items_topic_idx').on(t.topicSlug), index('items_status_idx').on(t.status)],
)

export const itemYears = sqliteTable(
  'item_years',
  {
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.year] }), index('item_years_year_idx').on(t.year)],
)

export const options = sqliteTable(
  'options',
  {
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    /** A, B, C… in display order. */
    label: text().notNull(),
    textSource: text().notNull(),
    textHtml: text().notNull(),
    isCorrect: integer({ mode: 'boolean' }).notNull(),
    explanationSource: text().notNull(),
    explanationHtml: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.label] })],
)

/** Which misconception(s) choosing a wrong option reveals. */
export const optionMisconceptions = sqliteTable(
  'option_misconceptions',
  {
    itemId: text().notNull(),
    label: text().notNull(),
    misconceptionSlug: text()
      .notNull()
      .references(() => misconceptions.slug),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.label, t.misconceptionSlug] }),
    foreignKey({
      columns: [t.itemId, t.label],
      foreignColumns: [options.itemId, options.label],
    }).onDelete('cascade'),
    index('option_misconceptions_slug_idx').on(t.misconceptionSlug),
  ],
)

/**
 * Small key/value facts about the bank. `bank_version` is bumped by every write to the bank so
 * that each isolate can tell, with one cheap read, whether its search index is stale.
 */
export const bankMeta = sqliteTable('bank_meta', {
  key: text().primaryKey(),
  value: text().notNull(),
})

// ── Accounts, workgroups and hubs ────────────────────────────────────────────────────────────

export const users = sqliteTable(
  'users',
  {
    id: text().primaryKey(),
    /** Stored lower-cased; unique. Only ever shown to its owner. */
    email: text().notNull(),
    /** scrypt, self-describing: `scrypt$N$r$p$salt$hash` (base64). */
    passwordHash: text().notNull(),
    displayName: text().notNull(),
    school: text(),
    isSiteAdmin: integer({ mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
)

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself is never stored. */
    tokenHash: text().primaryKey(),
    /** A short public id, so a user can name a session to end without seeing its token. */
    id: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text(),
    createdAt: text().notNull(),
    lastSeenAt: text().notNull(),
    /** Absolute expiry: the session ends then however active it is. */
    expiresAt: text().notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_id_idx').on(t.id)],
)

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    tokenHash: text().notNull(),
    createdAt: text().notNull(),
    lastUsedAt: text(),
    revokedAt: text(),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
  ],
)

export const workgroupRoles = ['lead', 'member'] as const
export type WorkgroupRole = (typeof workgroupRoles)[number]

export const workgroups = sqliteTable('workgroups', {
  id: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(''),
  createdBy: text()
    .notNull()
    .references(() => users.id),
  ...timestamps,
})

export const workgroupMembers = sqliteTable(
  'workgroup_members',
  {
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: workgroupRoles }).notNull(),
    joinedAt: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workgroupId, t.userId] }),
    index('workgroup_members_user_idx').on(t.userId),
  ],
)

export const workgroupInvites = sqliteTable(
  'workgroup_invites',
  {
    id: text().primaryKey(),
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    /** SHA-256 of the invite code; the code is shown once, to the lead who made it. */
    codeHash: text().notNull(),
    createdBy: text()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    revokedAt: text(),
    uses: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('workgroup_invites_code_idx').on(t.codeHash),
    index('workgroup_invites_wg_idx').on(t.workgroupId),
  ],
)

export const hubs = sqliteTable('hubs', {
  slug: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(''),
  ...timestamps,
})

export const hubCurators = sqliteTable(
  'hub_curators',
  {
    hubSlug: text()
      .notNull()
      .references(() => hubs.slug, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: text().notNull(),
    addedAt: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.hubSlug, t.userId] }),
    index('hub_curators_user_idx').on(t.userId),
  ],
)

/** Every change to membership and roles: who did what to whom, and when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    actorId: text().notNull(),
    action: text().notNull(),
    scope: text({ enum: ['workgroup', 'hub', 'site'] }).notNull(),
    scopeId: text().notNull(),
    subjectUserId: text(),
    detail: text({ mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_scope_idx').on(t.scope, t.scopeId)],
)

// ── Discussions, annotations and workgroup notes ─────────────────────────────────────────────

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

export const postKinds = ['evidence', 'question', 'idea', 'challenge'] as const
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

export const annotationStatuses = ['proposed', 'accepted'] as const

/**
 * A workgroup's proposal that choosing an item's option reveals a misconception: an existing one
 * (`misconceptionSlug`) or one it drafts (`draft*`). Accepting it writes the link into the bank.
 */
export const annotations = sqliteTable(
  'annotations',
  {
    id: text().primaryKey(),
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    label: text().notNull(),
    misconceptionSlug: text(),
    draftSlug: text(),
    draftTitle: text(),
    draftDescriptionSource: text(),
    draftDescriptionHtml: text(),
    evidenceSource: text().notNull(),
    evidenceHtml: text().notNull(),
    evidenceCounts: text({ mode: 'json' }).$type<EvidenceCounts>(),
    status: text({ enum: annotationStatuses }).notNull(),
    proposedBy: text()
      .notNull()
      .references(() => users.id),
    proposedAt: text().notNull(),
    acceptedBy: text(),
    acceptedAt: text(),
    acceptedHubSlug: text(),
  },
  (t) => [
    index('annotations_workgroup_idx').on(t.workgroupId),
    index('annotations_item_idx').on(t.itemId, t.status),
    index('annotations_status_idx').on(t.status, t.proposedAt),
  ],
)

export const annotationVotes = ['endorse', 'dispute'] as const

export const annotationResponses = sqliteTable(
  'annotation_responses',
  {
    annotationId: text()
      .notNull()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    vote: text({ enum: annotationVotes }).notNull(),
    comment: text().notNull().default(''),
    at: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.annotationId, t.userId] })],
)

/** "What we saw, what worked": private to the workgroup until a lead shares it. */
export const workgroupNotes = sqliteTable(
  'workgroup_notes',
  {
    id: text().primaryKey(),
    workgroupId: text()
      .notNull()
      .references(() => workgroups.id, { onDelete: 'cascade' }),
    misconceptionSlug: text()
      .notNull()
      .references(() => misconceptions.slug, { onDelete: 'cascade' }),
    authorId: text()
      .notNull()
      .references(() => users.id),
    bodySource: text().notNull(),
    bodyHtml: text().notNull(),
    createdAt: text().notNull(),
    sharedAt: text(),
    sharedBy: text(),
  },
  (t) => [
    index('workgroup_notes_wg_idx').on(t.workgroupId, t.misconceptionSlug),
    index('workgroup_notes_shared_idx').on(t.misconceptionSlug, t.sharedAt),
  ],
)

// ── Item revisions and item sets ─────────────────────────────────────────────────────────────

/**
 * Every version of an item's content, as written (the validated input). A new revision is made
 * whenever an item's content hash changes; published set versions pin revisions, so they never
 * change when an item is later edited.
 */
export const itemRevisions = sqliteTable(
  'item_revisions',
  {
    itemId: text()
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    revision: integer().notNull(),
    contentHash: text().notNull(),
    /** The ItemInput this revision was made from (JSON). */
    input: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: text().notNull(),
    /** Authoring workflow: draft → review → published (and superseded once a later one is). */
    status: text({ enum: ['draft', 'review', 'published', 'superseded'] })
      .notNull()
      .default('published'),
    authorId: text(),
    reviewedBy: text(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.revision] }),
    index('item_revisions_hash_idx').on(t.itemId, t.contentHash),
  ],
)

export const setOwnerTypes = ['hub', 'workgroup'] as const

/** An ordered set of items built by a hub (to publish) or a workgroup (for its own use). */
export const itemSets = sqliteTable(
  'item_sets',
  {
    id: text().primaryKey(),
    ownerType: text({ enum: setOwnerTypes }).notNull(),
    /** Hub slug or workgroup id. */
    ownerId: text().notNull(),
    title: text().notNull(),
    description: text().notNull().default(''),
    years: text({ mode: 'json' }).$type<number[]>().notNull(),
    createdBy: text().notNull(),
    ...timestamps,
  },
  (t) => [index('item_sets_owner_idx').on(t.ownerType, t.ownerId)],
)

export const itemSetEntries = sqliteTable(
  'item_set_entries',
  {
    setId: text()
      .notNull()
      .references(() => itemSets.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    itemId: text()
      .notNull()
      .references(() => items.id),
    /** A note for the teacher using the set ("use before teaching perimeter"). */
    note: text().notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.setId, t.position] })],
)

export interface SetVersionEntry {
  itemId: string
  revision: number
  note: string
}

/** A published, numbered, immutable version of a set; withdrawal marks it but keeps it. */
export const itemSetVersions = sqliteTable(
  'item_set_versions',
  {
    setId: text()
      .notNull()
      .references(() => itemSets.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    years: text({ mode: 'json' }).$type<number[]>().notNull(),
    entries: text({ mode: 'json' }).$type<SetVersionEntry[]>().notNull(),
    changelog: text({ mode: 'json' }).$type<string[]>().notNull(),
    publishedBy: text().notNull(),
    publishedAt: text().notNull(),
    withdrawnAt: text(),
    withdrawnBy: text(),
    withdrawnReason: text(),
  },
  (t) => [primaryKey({ columns: [t.setId, t.version] })],
)

export * from './schema/evidence.ts'
