/**
 * Limits that belong to an account rather than to an address. Keys are the normalized email (or
 * the account id), used whether or not an account has that email, so a 429 says nothing about
 * which addresses are registered.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../lib/context.ts'
import { limitAuthAttempts, limitRate } from '../lib/rate-limit.ts'
import { normalizeEmail } from './accounts.queries.ts'

/** Sign-in: per client address, and per account so guesses from many addresses meet a limit too. */
export async function limitSignIn(c: Context<AppEnv>, email: string) {
  await limitAuthAttempts(c, 'sign-in')
  await limitRate(
    c,
    'ACCOUNT_RATE_LIMITER',
    `sign-in:${normalizeEmail(email)}`,
    'Too many sign-in attempts for this account; try again in a minute',
  )
}

/** Every email the site sends to an address (sign-up, reset, email change) counts here. */
export const limitEmailsTo = (c: Context<AppEnv>, email: string) =>
  limitRate(
    c,
    'ACCOUNT_RATE_LIMITER',
    `email:${normalizeEmail(email)}`,
    'Too many emails have been sent to this address; try again in a minute',
  )

/** Checks of a signed-in account's password (changing it or the email, deleting the account). */
export const limitPasswordChecks = (c: Context<AppEnv>, userId: string) =>
  limitRate(
    c,
    'ACCOUNT_RATE_LIMITER',
    `password:${userId}`,
    'Too many password attempts; try again in a minute',
  )
