/** Users, sessions and API tokens: plain functions over the db, shared by API, pages and CLI. */
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm'
import { accountTokens, apiTokens, sessions, users } from '../db/schema.ts'
import { isUniqueViolation, type Db } from '../lib/db.ts'
import { DUMMY_HASH, hashPassword, newId, newSecret, sha256, verifyPassword } from './secrets.ts'
import type { CurrentUser } from '../lib/context.ts'
import { atRevision, editedRevision, nextRevision } from '../lib/revisions.ts'

/** A session ends after this long without use… */
export const SESSION_IDLE_MS = 7 * 24 * 3600 * 1000
/** …and after this long regardless. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600 * 1000
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 10 * 60 * 1000

export const publicProfile = { id: users.id, displayName: users.displayName, school: users.school }
export const ownProfile = {
  ...publicProfile,
  email: users.email,
  isSiteAdmin: users.isSiteAdmin,
  revision: users.revision,
  createdAt: users.createdAt,
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
  return user ?? null
}

export async function getOwnProfile(db: Db, userId: string) {
  const [user] = await db.select(ownProfile).from(users).where(eq(users.id, userId))
  return user ?? null
}

/** A teacher's public profile; null for no such account, and for a deleted one. */
export async function getPublicProfile(db: Db, userId: string) {
  const [user] = await db
    .select(publicProfile)
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
  return user ?? null
}

interface NewUser {
  email: string
  displayName: string
  school?: string | null
  isSiteAdmin?: boolean
}

/** Create a user; null when the email is taken. */
export async function createUser(db: Db, input: NewUser & { password: string }) {
  return insertUser(db, { ...input, passwordHash: await hashPassword(input.password) })
}

/** Create a user whose password was hashed earlier (a confirmed sign-up); null if the email is taken. */
export async function insertUser(db: Db, input: NewUser & { passwordHash: string }) {
  const id = newId()
  const { passwordHash } = input
  const rows = await db
    .insert(users)
    .values({
      id,
      email: normalizeEmail(input.email),
      passwordHash,
      displayName: input.displayName,
      school: input.school ?? null,
      isSiteAdmin: input.isSiteAdmin ?? false,
    })
    .onConflictDoNothing()
    .returning({ id: users.id })
  return rows.length > 0 ? id : null
}

/** The stored password hash of an account (to check a signed-in teacher's own password). */
export async function passwordHashOf(db: Db, userId: string) {
  const [row] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
  return row?.hash ?? null
}

/** The user for these credentials, or null; takes the same time whether or not the email exists. */
export async function checkCredentials(db: Db, email: string, password: string) {
  const user = await findUserByEmail(db, email)
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH)
  return ok && user ? user : null
}

/** Change the profile, if it is still at the revision the caller saw; the new revision. */
export async function updateProfile(
  db: Db,
  userId: string,
  changes: { displayName?: string; school?: string | null },
  expected?: number,
) {
  const updated = await db
    .update(users)
    .set({
      ...changes,
      revision: nextRevision(users.revision),
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(users.id, userId), atRevision(users.revision, expected)))
    .returning({ revision: users.revision })
  return editedRevision(
    updated,
    () => db.select({ revision: users.revision }).from(users).where(eq(users.id, userId)),
    'That account',
  )
}

// ── Sessions ──

export async function createSession(db: Db, userId: string, userAgent: string | null) {
  const token = newSecret('mbs_')
  const now = Date.now()
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    id: newId(),
    userId,
    userAgent: userAgent?.slice(0, 200) ?? null,
    createdAt: new Date(now).toISOString(),
    lastSeenAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SESSION_ABSOLUTE_MS).toISOString(),
  })
  return token
}

/** The user a session token belongs to, if the session is neither idle too long nor expired. */
export async function userForSession(
  db: Db,
  token: string,
): Promise<(CurrentUser & { sessionId: string }) | null> {
  const hash = sha256(token)
  const [row] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      isSiteAdmin: users.isSiteAdmin,
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hash))
  if (!row) return null
  const now = Date.now()
  const lastSeen = Date.parse(row.lastSeenAt)
  if (now > Date.parse(row.expiresAt) || now - lastSeen > SESSION_IDLE_MS) {
    await db.delete(sessions).where(eq(sessions.tokenHash, hash))
    return null
  }
  if (now - lastSeen > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now).toISOString() })
      .where(eq(sessions.tokenHash, hash))
  }
  return {
    id: row.id,
    displayName: row.displayName,
    isSiteAdmin: row.isSiteAdmin,
    sessionId: row.sessionId,
  }
}

export async function endSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)))
}

export async function listSessions(db: Db, userId: string) {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date().toISOString())))
    .orderBy(desc(sessions.lastSeenAt))
}

/** End every session of the user except the one given (null: end them all). Returns how many. */
export async function endOtherSessions(db: Db, userId: string, keepSessionId: string | null) {
  const ended = await db.delete(sessions).where(otherSessions(userId, keepSessionId)).returning({
    id: sessions.id,
  })
  return ended.length
}

const otherSessions = (userId: string, keepSessionId: string | null) =>
  and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined)

/** Revoke every live API token of the user; returns how many. */
export async function revokeAllApiTokens(db: Db, userId: string) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })
  return rows.length
}

/**
 * Set a new password: in one batch, the hash changes, every session but `keepSessionId` ends
 * (someone who knew the old password is signed out everywhere), and reset links die.
 */
export async function setPassword(
  db: Db,
  userId: string,
  password: string,
  keepSessionId: string | null,
) {
  const passwordHash = await hashPassword(password)
  await db.batch([
    db
      .update(users)
      .set({ passwordHash, updatedAt: new Date().toISOString() })
      .where(eq(users.id, userId)),
    db.delete(sessions).where(otherSessions(userId, keepSessionId)),
    db
      .delete(accountTokens)
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, 'password-reset'))),
  ])
}

/** Change the account's email; false when another account has that address. */
export async function setEmail(db: Db, userId: string, email: string) {
  const rows = await db
    .update(users)
    .set({ email: normalizeEmail(email), updatedAt: new Date().toISOString() })
    .where(eq(users.id, userId))
    .returning({ id: users.id })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return []
      throw error
    })
  return rows.length > 0
}

// ── API tokens ──

export async function createApiToken(db: Db, userId: string, name: string) {
  const token = newSecret('mbt_')
  const row = {
    id: newId(),
    userId,
    name,
    tokenHash: sha256(token),
    createdAt: new Date().toISOString(),
  }
  await db.insert(apiTokens).values(row)
  return { id: row.id, name, createdAt: row.createdAt, token }
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
}

/** Revoke one of the user's own tokens; false if they have no such live token. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(
      and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
    )
    .returning({ id: apiTokens.id })
  return rows.length > 0
}

export async function userForApiToken(db: Db, token: string): Promise<CurrentUser | null> {
  const hash = sha256(token)
  const [row] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      isSiteAdmin: users.isSiteAdmin,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)))
  if (!row) return null
  if (!row.lastUsedAt || Date.now() - Date.parse(row.lastUsedAt) > TOUCH_INTERVAL_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date().toISOString() })
      .where(eq(apiTokens.id, row.tokenId))
  }
  return { id: row.id, displayName: row.displayName, isSiteAdmin: row.isSiteAdmin }
}

/** When the account was created (null for no such account), for the new-account posting limit. */
export async function accountCreatedAt(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId))
  return row?.createdAt ?? null
}
