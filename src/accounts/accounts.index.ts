/** Account routes wired to their handlers. */
import { currentUser } from '../lib/context.ts'
import { clearSessionCookie, sessionToken, setSessionCookie } from './identify.ts'
import { createRouter } from '../lib/create-app.ts'
import { getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { limitRate } from '../lib/rate-limit.ts'
import * as queries from './accounts.queries.ts'
import * as routes from './accounts.routes.ts'

async function ownProfile(c: Parameters<typeof currentUser>[0], userId: string) {
  const profile = await queries.getOwnProfile(getDb(c.env.DB), userId)
  if (!profile) throw new ApiError(401, 'Sign in first')
  return profile
}

export const accountsRouter = createRouter()
  .openapi(routes.signup, async (c) => {
    await limitRate(c, 'sign-up')
    const db = getDb(c.env.DB)
    const input = c.req.valid('json')
    const userId = await queries.createUser(db, input)
    if (!userId) throw new ApiError(409, 'That email already has an account; sign in instead')
    setSessionCookie(c, await queries.createSession(db, userId, c.req.header('user-agent') ?? null))
    return c.json({ user: await ownProfile(c, userId) }, 201)
  })
  .openapi(routes.signin, async (c) => {
    await limitRate(c, 'sign-in')
    const db = getDb(c.env.DB)
    const { email, password } = c.req.valid('json')
    const user = await queries.checkCredentials(db, email, password)
    if (!user) throw new ApiError(401, 'Email or password is incorrect')
    setSessionCookie(
      c,
      await queries.createSession(db, user.id, c.req.header('user-agent') ?? null),
    )
    return c.json({ user: await ownProfile(c, user.id) }, 200)
  })
  .openapi(routes.signout, async (c) => {
    const token = sessionToken(c)
    if (token) await queries.endSession(getDb(c.env.DB), token)
    clearSessionCookie(c)
    return c.body(null, 204)
  })
  .openapi(routes.me, async (c) => c.json(await ownProfile(c, currentUser(c).id), 200))
  .openapi(routes.updateMe, async (c) => {
    const user = currentUser(c)
    await queries.updateProfile(getDb(c.env.DB), user.id, c.req.valid('json'))
    return c.json(await ownProfile(c, user.id), 200)
  })
  .openapi(routes.listSessions, async (c) => {
    const user = currentUser(c)
    const sessions = await queries.listSessions(getDb(c.env.DB), user.id)
    return c.json({ data: sessions.map((s) => ({ ...s, current: s.id === user.sessionId })) }, 200)
  })
  .openapi(routes.endOtherSessions, async (c) => {
    const user = currentUser(c)
    const ended = await queries.endOtherSessions(getDb(c.env.DB), user.id, user.sessionId ?? null)
    return c.json({ ended }, 200)
  })
  .openapi(routes.listTokens, async (c) =>
    c.json({ data: await queries.listApiTokens(getDb(c.env.DB), currentUser(c).id) }, 200),
  )
  .openapi(routes.createToken, async (c) => {
    const created = await queries.createApiToken(
      getDb(c.env.DB),
      currentUser(c).id,
      c.req.valid('json').name,
    )
    c.header('cache-control', 'no-store')
    return c.json(created, 201)
  })
  .openapi(routes.revokeToken, async (c) => {
    const revoked = await queries.revokeApiToken(
      getDb(c.env.DB),
      currentUser(c).id,
      c.req.valid('param').tokenId,
    )
    if (!revoked) throw notFound('That token')
    return c.body(null, 204)
  })
  .openapi(routes.getUser, async (c) => {
    const profile = await queries.getPublicProfile(getDb(c.env.DB), c.req.valid('param').userId)
    if (!profile) throw notFound('That user')
    return c.json(profile, 200)
  })
