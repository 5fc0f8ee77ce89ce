/**
 * One-use tokens sent by email: finish signing up, reset a password, confirm a new address. Like
 * sessions, only the SHA-256 is stored. Using a token deletes it in the same statement that reads
 * it, so two clicks (or two concurrent requests) cannot both use one.
 */
import { and, eq, gt, lt } from 'drizzle-orm'
import { accountTokens, type AccountTokenPurpose, type PendingSignup } from '../db/schema.ts'
import type { Db } from '../lib/db.ts'
import { newSecret, sha256 } from './secrets.ts'

/** How long each kind of link works. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  'sign-up': 24 * 3600 * 1000,
  'password-reset': 3600 * 1000,
  'email-change': 24 * 3600 * 1000,
}

const PREFIX: Record<AccountTokenPurpose, string> = {
  'sign-up': 'mbv_',
  'password-reset': 'mbr_',
  'email-change': 'mbe_',
}

/**
 * A new token for `purpose`, replacing any earlier one of the same purpose for the same account
 * (so only the latest reset link works), and sweeping expired tokens while it is at it.
 */
export async function createAccountToken(
  db: Db,
  purpose: AccountTokenPurpose,
  target: { userId: string | null; email: string; pending?: PendingSignup },
) {
  const token = newSecret(PREFIX[purpose])
  const now = Date.now()
  const statements = [
    db.delete(accountTokens).where(lt(accountTokens.expiresAt, new Date(now).toISOString())),
    db.insert(accountTokens).values({
      tokenHash: sha256(token),
      purpose,
      userId: target.userId,
      email: target.email,
      pending: target.pending ?? null,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + TOKEN_LIFETIME_MS[purpose]).toISOString(),
    }),
  ] as const
  if (target.userId) {
    await db.batch([
      db
        .delete(accountTokens)
        .where(and(eq(accountTokens.userId, target.userId), eq(accountTokens.purpose, purpose))),
      ...statements,
    ])
  } else {
    await db.batch(statements)
  }
  return token
}

/** Use a token: its row if it is live and of this purpose (and it is gone afterwards), else null. */
export async function consumeAccountToken(db: Db, purpose: AccountTokenPurpose, token: string) {
  if (!token.startsWith(PREFIX[purpose])) return null
  const [row] = await db
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, sha256(token)),
        eq(accountTokens.purpose, purpose),
        gt(accountTokens.expiresAt, new Date().toISOString()),
      ),
    )
    .returning()
  return row ?? null
}

/** Drop the account's outstanding tokens of a purpose (a reset link after the password changed). */
export async function dropAccountTokens(db: Db, userId: string, purpose: AccountTokenPurpose) {
  await db
    .delete(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose)))
}
