/** Teachers' accounts, their sessions, API tokens and the one-use tokens sent by email. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { revisioned, timestamps } from './columns.ts'

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
    /**
     * Set when the account was deleted: the row stays, emptied (email, password, name and school
     * replaced), so that what others wrote in reply to "a former member" keeps its place.
     */
    deletedAt: text(),
    ...revisioned,
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

export const accountTokenPurposes = ['sign-up', 'password-reset', 'email-change'] as const
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number]

/** What a sign-up token carries until its link is followed: the account is made only then. */
export interface PendingSignup {
  passwordHash: string
  displayName: string
  school: string | null
}

/**
 * A link sent by email: finish signing up, reset a password, or confirm a new email address.
 * Only the SHA-256 of the token is stored; a token is used once (deleted as it is used) and
 * expires.
 */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    tokenHash: text().primaryKey(),
    purpose: text({ enum: accountTokenPurposes }).notNull(),
    /** The account it acts on; null for a sign-up, whose account does not exist yet. */
    userId: text().references(() => users.id, { onDelete: 'cascade' }),
    /** The address the link was sent to (for an email change, the new address). */
    email: text().notNull(),
    /** A sign-up's details, hashed password included. */
    pending: text({ mode: 'json' }).$type<PendingSignup>(),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
  },
  (t) => [
    index('account_tokens_user_idx').on(t.userId, t.purpose),
    index('account_tokens_expiry_idx').on(t.expiresAt),
  ],
)
