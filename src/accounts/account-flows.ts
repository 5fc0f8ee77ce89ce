/**
 * The account changes that take more than one step or send email: signing up (the account is
 * made only when the emailed link is followed), resetting a password, changing password or email.
 * The API handlers and the pages both call these, so the rules live in one place.
 *
 * Sign-up answers the same whether or not the address has an account: a new address is sent a
 * link, a registered one a note saying so. Nobody learns from the response which it was.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { sendEmail, siteUrl } from '../lib/email.ts'
import { ApiError } from '../lib/errors.ts'
import { limitAuthAttempts } from '../lib/rate-limit.ts'
import * as mail from './account-email.ts'
import { consumeAccountToken, createAccountToken } from './account-tokens.queries.ts'
import * as accounts from './accounts.queries.ts'
import { setSessionCookie } from './identify.ts'
import { passwordProblem } from './password-strength.ts'
import { hashPassword, verifyPassword } from './secrets.ts'
import { limitEmailsTo, limitPasswordChecks } from './throttle.ts'

export const checkEmailMessage = (email: string) =>
  `Check your email: we have sent a message to ${accounts.normalizeEmail(email)}. Follow its link to finish.`

const fieldError = (field: string, message: string, detail = `${field} ${message}`) =>
  new ApiError(400, detail, { errors: [{ in: 'body', field, message }] })

const badLink = (what: string) =>
  new ApiError(400, `This ${what} link is not valid: it may have expired or been used already.`)

/** Start signing up: a link to a new address, a note to a registered one; the same either way. */
export async function startSignup(
  c: Context<AppEnv>,
  input: { email: string; password: string; displayName: string; school?: string | null },
) {
  await limitAuthAttempts(c, 'sign-up')
  await limitEmailsTo(c, input.email)
  const db = getDb(c.env.DB)
  const email = accounts.normalizeEmail(input.email)
  // Hashed whichever way it goes, so the answer takes as long for a registered address.
  const passwordHash = await hashPassword(input.password)
  const site = siteUrl(c)
  if (await accounts.findUserByEmail(db, email)) {
    await sendEmail(c, mail.alreadyRegisteredEmail(email, site))
    return
  }
  const token = await createAccountToken(db, 'sign-up', {
    userId: null,
    email,
    pending: { passwordHash, displayName: input.displayName, school: input.school ?? null },
  })
  await sendEmail(c, mail.signupLinkEmail(email, site, token))
}

/** Follow a sign-up link: the account is made and signed in. Returns its id. */
export async function finishSignup(c: Context<AppEnv>, token: string) {
  const db = getDb(c.env.DB)
  const row = await consumeAccountToken(db, 'sign-up', token)
  if (!row?.pending) throw badLink('sign-up')
  const userId = await accounts.insertUser(db, { email: row.email, ...row.pending })
  // Two sign-ups for one address, both followed: the second finds the first's account.
  if (!userId) throw new ApiError(409, 'That email already has an account; sign in instead')
  setSessionCookie(c, await accounts.createSession(db, userId, c.req.header('user-agent') ?? null))
  return userId
}

/** Send a reset link if the address has an account; nothing otherwise (and the same answer). */
export async function requestPasswordReset(c: Context<AppEnv>, email: string) {
  await limitAuthAttempts(c, 'password-reset')
  await limitEmailsTo(c, email)
  const db = getDb(c.env.DB)
  const user = await accounts.findUserByEmail(db, email)
  if (!user || user.deletedAt) return
  const token = await createAccountToken(db, 'password-reset', {
    userId: user.id,
    email: user.email,
  })
  await sendEmail(c, mail.passwordResetEmail(user.email, siteUrl(c), token))
}

/** Follow a reset link with a new password: every session of the account ends. */
export async function completePasswordReset(c: Context<AppEnv>, token: string, password: string) {
  const db = getDb(c.env.DB)
  const row = await consumeAccountToken(db, 'password-reset', token)
  if (!row?.userId) throw badLink('password reset')
  await accounts.setPassword(db, row.userId, password, null)
}

/** The account's password is `password` (throttled per account); a 400 on `field` otherwise. */
export async function checkOwnPassword(
  c: Context<AppEnv>,
  userId: string,
  password: string,
  field: string,
) {
  await limitPasswordChecks(c, userId)
  const hash = await accounts.passwordHashOf(getDb(c.env.DB), userId)
  if (!hash || !(await verifyPassword(password, hash)))
    throw fieldError(field, 'is not your current password', 'Your current password is not right')
}

/** Change the password of the signed-in account; every other session ends. */
export async function changePassword(
  c: Context<AppEnv>,
  user: { id: string; sessionId?: string },
  input: { currentPassword: string; newPassword: string },
) {
  await checkOwnPassword(c, user.id, input.currentPassword, 'currentPassword')
  const db = getDb(c.env.DB)
  const profile = await accounts.getOwnProfile(db, user.id)
  const problem = passwordProblem(input.newPassword, [
    profile?.email,
    profile?.displayName,
    profile?.school,
  ])
  if (problem) throw fieldError('newPassword', problem)
  await accounts.setPassword(db, user.id, input.newPassword, user.sessionId ?? null)
}

/**
 * Ask to move the account to a new address: a link goes there (or, if that address has an
 * account already, a note saying so, and the requester is told nothing different), and a
 * notice to the old address.
 */
export async function requestEmailChange(
  c: Context<AppEnv>,
  userId: string,
  input: { email: string; password: string },
) {
  await checkOwnPassword(c, userId, input.password, 'password')
  const db = getDb(c.env.DB)
  const email = accounts.normalizeEmail(input.email)
  const profile = await accounts.getOwnProfile(db, userId)
  if (!profile) throw new ApiError(401, 'Sign in first')
  if (profile.email === email) throw fieldError('email', 'is already your address')
  await limitEmailsTo(c, email)
  const site = siteUrl(c)
  if (await accounts.findUserByEmail(db, email)) {
    await sendEmail(c, mail.alreadyRegisteredEmail(email, site))
  } else {
    const token = await createAccountToken(db, 'email-change', { userId, email })
    await sendEmail(c, mail.emailChangeEmail(email, site, token))
  }
  await sendEmail(c, mail.emailChangeNoticeEmail(profile.email, site, email))
}

/** Follow an email-change link: the account's address becomes the one the link was sent to. */
export async function confirmEmailChange(c: Context<AppEnv>, token: string) {
  const db = getDb(c.env.DB)
  const row = await consumeAccountToken(db, 'email-change', token)
  if (!row?.userId) throw badLink('email change')
  if (!(await accounts.setEmail(db, row.userId, row.email)))
    throw new ApiError(409, 'That address has an account of its own now; the change was not made')
}
