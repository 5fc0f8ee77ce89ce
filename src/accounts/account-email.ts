/**
 * The emails accounts send, in plain text. Each link carries a one-use token and opens a page
 * with a button (a POST), so a mail scanner that fetches links cannot use it up.
 */
import type { Email } from '../lib/email.ts'
import { TOKEN_LIFETIME_MS } from './account-tokens.queries.ts'

const SIGN_OFF = '\n\n— The misconception bank\n(No pupil data is ever stored here.)'
const hours = (ms: number) => `${ms / 3600_000} hour${ms === 3600_000 ? '' : 's'}`

export const signupLinkEmail = (to: string, site: string, token: string): Email => ({
  to,
  subject: 'Finish signing up to the misconception bank',
  text:
    `Follow this link to finish making your account (it works once, for ` +
    `${hours(TOKEN_LIFETIME_MS['sign-up'])}):\n\n${site}/signup/confirm?token=${token}\n\n` +
    `If you did not sign up, ignore this email: no account is made without this link.${SIGN_OFF}`,
})

/** Sent instead of a sign-up link when the address already has an account. */
export const alreadyRegisteredEmail = (to: string, site: string): Email => ({
  to,
  subject: 'You already have an account on the misconception bank',
  text:
    `Someone (perhaps you) tried to sign up with this address, which already has an account.\n\n` +
    `Sign in: ${site}/signin\nForgotten your password? ${site}/password-reset\n\n` +
    `If it was not you, nothing has changed and you need do nothing.${SIGN_OFF}`,
})

export const passwordResetEmail = (to: string, site: string, token: string): Email => ({
  to,
  subject: 'Reset your misconception bank password',
  text:
    `Follow this link to choose a new password (it works once, for ` +
    `${hours(TOKEN_LIFETIME_MS['password-reset'])}); doing so signs you out everywhere:\n\n` +
    `${site}/password-reset/confirm?token=${token}\n\n` +
    `If you did not ask for this, ignore this email: your password stays as it is.${SIGN_OFF}`,
})

export const emailChangeEmail = (to: string, site: string, token: string): Email => ({
  to,
  subject: 'Confirm your new email address for the misconception bank',
  text:
    `Follow this link to make this your account's address (it works once, for ` +
    `${hours(TOKEN_LIFETIME_MS['email-change'])}):\n\n${site}/account/email/confirm?token=${token}\n\n` +
    `If you did not ask for this, ignore this email.${SIGN_OFF}`,
})

/** To the old address, so a teacher learns at once if someone else is moving their account. */
export const emailChangeNoticeEmail = (to: string, site: string, newEmail: string): Email => ({
  to,
  subject: 'Your misconception bank email address is being changed',
  text:
    `Someone signed in to your account asked to change its email address to ${newEmail}. ` +
    `It changes only when the link sent there is followed.\n\n` +
    `If this was not you, change your password now: ${site}/account${SIGN_OFF}`,
})
