/** The account handlers, each typed against its route in accounts.routes.ts. */
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { clearSessionCookie, sessionToken, setSessionCookie } from './identify.ts'
import { getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { checkEmailMessage, startSignup } from './account-flows.ts'
import * as queries from './accounts.queries.ts'
import { expectedRevision, tagRevision } from '../lib/revisions.ts'
import { limitSignIn } from './throttle.ts'
import type * as routes from './accounts.routes.ts'

async function ownProfile(c: Parameters<typeof currentUser>[0], userId: string) {
  const profile = await queries.getOwnProfile(getDb(c.env.DB), userId)
  if (!profile) throw new ApiError(401, 'Sign in first')
  return profile
}

export const signup: AppRouteHandler<typeof routes.signup> = async (c) => {
  const input = c.req.valid('json')
  await startSignup(c, input)
  return c.json({ detail: checkEmailMessage(input.email) }, 202)
}

export const signin: AppRouteHandler<typeof routes.signin> = async (c) => {
  const { email, password } = c.req.valid('json')
  await limitSignIn(c, email)
  const db = getDb(c.env.DB)
  const user = await queries.checkCredentials(db, email, password)
  if (!user) throw new ApiError(401, 'Email or password is incorrect')
  setSessionCookie(c, await queries.createSession(db, user.id, c.req.header('user-agent') ?? null))
  return c.json({ user: await ownProfile(c, user.id) }, 200)
}

export const signout: AppRouteHandler<typeof routes.signout> = async (c) => {
  const token = sessionToken(c)
  if (token) await queries.endSession(getDb(c.env.DB), token)
  clearSessionCookie(c)
  return c.body(null, 204)
}

export const me: AppRouteHandler<typeof routes.me> = async (c) => {
  const profile = await ownProfile(c, currentUser(c).id)
  tagRevision(c, profile.revision)
  return c.json(profile, 200)
}

export const updateMe: AppRouteHandler<typeof routes.updateMe> = async (c) => {
  const user = currentUser(c)
  const expected = expectedRevision(c.req.valid('header')['if-match'])
  await queries.updateProfile(getDb(c.env.DB), user.id, c.req.valid('json'), expected)
  const profile = await ownProfile(c, user.id)
  tagRevision(c, profile.revision)
  return c.json(profile, 200)
}

export const listSessions: AppRouteHandler<typeof routes.listSessions> = async (c) => {
  const user = currentUser(c)
  const sessions = await queries.listSessions(getDb(c.env.DB), user.id)
  return c.json({ data: sessions.map((s) => ({ ...s, current: s.id === user.sessionId })) }, 200)
}

export const endOtherSessions: AppRouteHandler<typeof routes.endOtherSessions> = async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const ended = await queries.endOtherSessions(db, user.id, user.sessionId ?? null)
  if (c.req.valid('query').revokeTokens !== 'true') return c.json({ ended }, 200)
  return c.json({ ended, revokedTokens: await queries.revokeAllApiTokens(db, user.id) }, 200)
}

export const listTokens: AppRouteHandler<typeof routes.listTokens> = async (c) =>
  c.json({ data: await queries.listApiTokens(getDb(c.env.DB), currentUser(c).id) }, 200)

export const createToken: AppRouteHandler<typeof routes.createToken> = async (c) => {
  const created = await queries.createApiToken(
    getDb(c.env.DB),
    currentUser(c).id,
    c.req.valid('json').name,
  )
  c.header('cache-control', 'no-store')
  return c.json(created, 201)
}

export const revokeToken: AppRouteHandler<typeof routes.revokeToken> = async (c) => {
  const revoked = await queries.revokeApiToken(
    getDb(c.env.DB),
    currentUser(c).id,
    c.req.valid('param').tokenId,
  )
  if (!revoked) throw notFound('That token')
  return c.body(null, 204)
}

export const getUser: AppRouteHandler<typeof routes.getUser> = async (c) => {
  const profile = await queries.getPublicProfile(getDb(c.env.DB), c.req.valid('param').userId)
  if (!profile) throw notFound('That user')
  return c.json(profile, 200)
}
