/** Account routes: sign-up, sign-in, sessions, API tokens and profiles. */
import { createRoute, z } from '@hono/zod-openapi'
import { commonErrors, notFoundError, problem } from '../lib/errors.ts'
import { IfMatch, preconditionFailed, RevisionField, revisionedResponse } from '../lib/revisions.ts'
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-strength.ts'
import {
  jsonBody as json,
  jsonResponse as ok,
  signedInErrors as authErrors,
} from '../lib/openapi.ts'

export const email = z.email().max(254)
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200)
  .openapi({ description: 'At least 10 characters, and refused when common or guessable' })
/** A new password where nothing is known of its owner: long enough and not guessable. */
export const newPassword = password.superRefine((value, ctx) => {
  const problem = value.length >= MIN_PASSWORD_LENGTH ? passwordProblem(value) : null
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})
const displayName = z.string().trim().min(1).max(80)
const school = z.string().trim().max(120).nullable()

/** What a request that sent an email answers, whoever the address belongs to. */
export const CheckEmail = z.object({ detail: z.string() }).openapi('CheckEmail')

export const PublicProfile = z
  .object({ id: z.string(), displayName: z.string(), school: z.string().nullable() })
  .openapi('PublicProfile')
export const OwnProfile = PublicProfile.extend({
  email: z.string(),
  isSiteAdmin: z.boolean(),
  revision: RevisionField,
  createdAt: z.string(),
}).openapi('OwnProfile')

/**
 * What signing up takes; the sign-up page validates its form with the same schema. The password
 * is refused when guessable, including from the email, name and school given with it.
 */
export const SignupInput = z
  .strictObject({ email, password, displayName, school: school.optional() })
  .superRefine((value, ctx) => {
    if (typeof value.password !== 'string' || value.password.length < MIN_PASSWORD_LENGTH) return
    const problem = passwordProblem(value.password, [value.email, value.displayName, value.school])
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
  })
export const SigninInput = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(200),
})

export const signup = createRoute({
  method: 'post',
  path: '/api/auth/signup',
  tags: ['Accounts'],
  summary: 'Start signing up: a link to finish is emailed (the same answer for a registered email)',
  description:
    'The account is made when the emailed link is followed (`POST /api/auth/signup/confirm`). ' +
    'An address that already has an account is sent a note instead; the response does not say which.',
  request: {
    body: json(SignupInput),
  },
  responses: {
    202: ok('A message was sent to the address', CheckEmail),
    429: problem('Too many attempts; see Retry-After'),
    ...commonErrors,
  },
})

export const signin = createRoute({
  method: 'post',
  path: '/api/auth/signin',
  tags: ['Accounts'],
  summary: 'Sign in with email and password (sets the session cookie)',
  request: {
    body: json(SigninInput),
  },
  responses: {
    200: ok('Signed in', z.object({ user: OwnProfile })),
    401: problem(
      'Email or password is incorrect (the same answer whether or not the email exists)',
    ),
    429: problem('Too many attempts; see Retry-After'),
    ...commonErrors,
  },
})

export const signout = createRoute({
  method: 'post',
  path: '/api/auth/signout',
  tags: ['Accounts'],
  summary: 'End this session on the server and clear its cookie',
  responses: { 204: { description: 'Signed out' }, ...authErrors },
})

export const me = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['Accounts'],
  summary: 'Your own profile, with your email',
  responses: { 200: revisionedResponse('You', OwnProfile), ...authErrors },
})

/** A profile change; the account page checks its form with the same schema. */
export const UpdateProfileInput = z.strictObject({
  displayName: displayName.optional(),
  school: school.optional(),
})
export const CreateTokenInput = z.strictObject({ name: z.string().trim().min(1).max(80) })

export const updateMe = createRoute({
  method: 'patch',
  path: '/api/me',
  tags: ['Accounts'],
  summary: 'Change your display name or school',
  request: { headers: IfMatch, body: json(UpdateProfileInput) },
  responses: {
    200: revisionedResponse('Updated', OwnProfile),
    ...preconditionFailed,
    ...authErrors,
  },
})

const Session = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
})

export const listSessions = createRoute({
  method: 'get',
  path: '/api/me/sessions',
  tags: ['Accounts'],
  summary: 'Your live sessions',
  responses: { 200: ok('Sessions', z.object({ data: z.array(Session) })), ...authErrors },
})

export const endOtherSessions = createRoute({
  method: 'delete',
  path: '/api/me/sessions',
  tags: ['Accounts'],
  summary: 'End every session but this one (with a token: every session); optionally revoke tokens',
  request: {
    query: z.object({
      revokeTokens: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: '`true` revokes every API token as well' }),
    }),
  },
  responses: {
    200: ok(
      'Ended',
      z.object({ ended: z.number().int(), revokedTokens: z.number().int().optional() }),
    ),
    ...authErrors,
  },
})

const Token = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})

export const listTokens = createRoute({
  method: 'get',
  path: '/api/me/tokens',
  tags: ['Accounts'],
  summary: 'Your API tokens (never the secrets)',
  responses: { 200: ok('Tokens', z.object({ data: z.array(Token) })), ...authErrors },
})

export const createToken = createRoute({
  method: 'post',
  path: '/api/me/tokens',
  tags: ['Accounts'],
  summary: 'Create an API token; the secret is shown once, in this response',
  request: { body: json(CreateTokenInput) },
  responses: {
    201: ok(
      'Created',
      z.object({ id: z.string(), name: z.string(), createdAt: z.string(), token: z.string() }),
    ),
    ...authErrors,
  },
})

export const revokeToken = createRoute({
  method: 'delete',
  path: '/api/me/tokens/{tokenId}',
  tags: ['Accounts'],
  summary: 'Revoke one of your API tokens',
  request: { params: z.object({ tokenId: z.string().max(40) }) },
  responses: { 204: { description: 'Revoked' }, ...notFoundError, ...authErrors },
})

export const getUser = createRoute({
  method: 'get',
  path: '/api/users/{userId}',
  tags: ['Accounts'],
  summary: "A teacher's public profile: display name and school, never email",
  request: { params: z.object({ userId: z.string().max(40) }) },
  responses: { 200: ok('Profile', PublicProfile), ...notFoundError, ...commonErrors },
})
