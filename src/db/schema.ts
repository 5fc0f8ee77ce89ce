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
