/**
 * Account routes that go through email, or change the password: finishing a sign-up, resetting a
 * password, changing it, and moving the account to a new address.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { commonErrors, problem } from '../lib/errors.ts'
import {
  jsonBody as json,
  jsonResponse as ok,
  signedInErrors as authErrors,
} from '../lib/openapi.ts'
import { CheckEmail, email, newPassword, OwnProfile } from './accounts.routes.ts'

const token = z.string().min(1).max(100).openapi({ description: 'The token from the emailed link' })

export const SignupConfirmInput = z.strictObject({ token })
export const PasswordResetInput = z.strictObject({ email: z.string().trim().max(254) })
export const PasswordResetConfirmInput = z.strictObject({ token, password: newPassword })
export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword,
})
export const ChangeEmailInput = z.strictObject({ email, password: z.string().max(200) })
export const EmailChangeConfirmInput = z.strictObject({ token })

const badLink = problem('The link is not valid: expired, used already, or never sent')

export const signupConfirm = createRoute({
  method: 'post',
  path: '/api/auth/signup/confirm',
  tags: ['Accounts'],
  summary: 'Finish signing up with the emailed token: makes the account and signs in',
  request: { body: json(SignupConfirmInput) },
  responses: {
    201: ok('Signed up and signed in', z.object({ user: OwnProfile })),
    400: badLink,
    409: problem('The address got an account in the meantime'),
    500: commonErrors[500],
  },
})

export const passwordReset = createRoute({
  method: 'post',
  path: '/api/auth/password-reset',
  tags: ['Accounts'],
  summary:
    'Email a password-reset link (the same answer whether or not the address has an account)',
  request: { body: json(PasswordResetInput) },
  responses: {
    202: ok('A link was sent if the address has an account', CheckEmail),
    429: problem('Too many attempts; see Retry-After'),
    ...commonErrors,
  },
})

export const passwordResetConfirm = createRoute({
  method: 'post',
  path: '/api/auth/password-reset/confirm',
  tags: ['Accounts'],
  summary: 'Set a new password with the emailed token; every session of the account ends',
  request: { body: json(PasswordResetConfirmInput) },
  responses: { 204: { description: 'Password changed; sign in with it' }, ...commonErrors },
})

export const changePassword = createRoute({
  method: 'put',
  path: '/api/me/password',
  tags: ['Accounts'],
  summary: 'Change your password; every other session ends (API tokens are kept)',
  request: { body: json(ChangePasswordInput) },
  responses: {
    204: { description: 'Changed' },
    429: problem('Too many password attempts; see Retry-After'),
    ...authErrors,
  },
})

export const changeEmail = createRoute({
  method: 'post',
  path: '/api/me/email',
  tags: ['Accounts'],
  summary: 'Move your account to a new address: it changes when the link sent there is followed',
  request: { body: json(ChangeEmailInput) },
  responses: {
    202: ok('A message was sent to the new address', CheckEmail),
    429: problem('Too many attempts; see Retry-After'),
    ...authErrors,
  },
})

export const emailChangeConfirm = createRoute({
  method: 'post',
  path: '/api/auth/email-change/confirm',
  tags: ['Accounts'],
  summary: 'Confirm a new email address with the token sent to it',
  request: { body: json(EmailChangeConfirmInput) },
  responses: {
    204: { description: 'The account now has the new address' },
    409: problem('The address got an account of its own in the meantime'),
    ...commonErrors,
  },
})
