/** Live session handlers: check who is asking, then let the session's Durable Object answer. */
import type { Context } from 'hono'
import { currentUser, type AppEnv, type AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { joinQrSvg } from './qr.ts'
import { markEnded, requireOwnSession } from './live.queries.ts'
import type * as routes from './live.routes.ts'
import {
  joinUrl,
  pupilCookie,
  sessionForCode,
  sessionStub,
  startSession as start,
  teacherView,
  unwrap,
} from './live.service.ts'

const noStore = (c: Context<AppEnv>) => c.header('cache-control', 'no-store')

async function view(c: Context<AppEnv>, sessionId: string) {
  noStore(c)
  const {
    questions: _q,
    source: _s,
    ...session
  } = await teacherView(c, getDb(c.env.DB), sessionId, currentUser(c).id)
  return session
}

export const startSession: AppRouteHandler<typeof routes.startSession> = async (c) => {
  const id = await start(c, currentUser(c).id, c.req.valid('json'))
  return c.json(await view(c, id), 201)
}

export const getSession: AppRouteHandler<typeof routes.getSession> = async (c) =>
  c.json(await view(c, c.req.valid('param').sessionId), 200)

/** Runs one teacher action on the object once the session is known to be the caller's. */
async function act(
  c: Context<AppEnv>,
  sessionId: string,
  action: (stub: ReturnType<typeof sessionStub>) => Promise<unknown>,
) {
  const db = getDb(c.env.DB)
  const row = await requireOwnSession(db, sessionId, currentUser(c).id)
  unwrap((await action(sessionStub(c.env, row.id))) as Parameters<typeof unwrap>[0])
  return view(c, row.id)
}

export const revealQuestion: AppRouteHandler<typeof routes.revealQuestion> = async (c) =>
  c.json(await act(c, c.req.valid('param').sessionId, (s) => s.reveal()), 200)

export const moveTo: AppRouteHandler<typeof routes.moveTo> = async (c) => {
  const { position } = c.req.valid('json')
  return c.json(await act(c, c.req.valid('param').sessionId, (s) => s.go(position)), 200)
}

export const typeCounts: AppRouteHandler<typeof routes.typeCounts> = async (c) => {
  const { counts } = c.req.valid('json')
  return c.json(await act(c, c.req.valid('param').sessionId, (s) => s.typedCounts(counts)), 200)
}

export const endSession: AppRouteHandler<typeof routes.endSession> = async (c) => {
  const { sessionId } = c.req.valid('param')
  const session = await act(c, sessionId, (s) => s.end())
  await markEnded(getDb(c.env.DB), sessionId)
  return c.json({ ...session, endedAt: session.endedAt ?? new Date().toISOString() }, 200)
}

/** Hands the upgrade to the object, answering with a fresh 101 whose headers middleware may set. */
async function upgrade(c: Context<AppEnv>, sessionId: string, headers: Record<string, string>) {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
    throw new ApiError(426, 'This is a WebSocket endpoint: send Upgrade: websocket', {
      headers: { upgrade: 'websocket' },
    })
  const forwarded = new Request(c.req.raw.url, { headers: { ...headers, upgrade: 'websocket' } })
  const res = await sessionStub(c.env, sessionId).fetch(forwarded)
  if (!res.webSocket) throw new ApiError(res.status === 403 ? 403 : 404, await res.text())
  return new Response(null, { status: 101, webSocket: res.webSocket })
}

export const teacherSocket: AppRouteHandler<typeof routes.teacherSocket> = async (c) => {
  const row = await requireOwnSession(
    getDb(c.env.DB),
    c.req.valid('param').sessionId,
    currentUser(c).id,
  )
  return upgrade(c, row.id, { 'x-live-role': 'teacher' }) as never
}

export const joinQr: AppRouteHandler<typeof routes.joinQr> = async (c) => {
  const row = await requireOwnSession(
    getDb(c.env.DB),
    c.req.valid('param').sessionId,
    currentUser(c).id,
  )
  c.header('content-type', 'image/svg+xml')
  c.header('cache-control', 'private, max-age=3600')
  return c.body(joinQrSvg(joinUrl(c, row.code)), 200) as never
}

export const pupilState: AppRouteHandler<typeof routes.pupilState> = async (c) => {
  const row = await sessionForCode(getDb(c.env.DB), c.req.valid('param').code)
  const token = c.req.valid('query').token ?? pupilCookie(c, row.code) ?? null
  noStore(c)
  return c.json(unwrap(await sessionStub(c.env, row.id).pupilState(token)), 200)
}

export const joinSession: AppRouteHandler<typeof routes.joinSession> = async (c) => {
  const row = await sessionForCode(getDb(c.env.DB), c.req.valid('param').code)
  const stub = sessionStub(c.env, row.id)
  const { token } = unwrap(await stub.join())
  noStore(c)
  return c.json({ token, state: unwrap(await stub.pupilState(token)) }, 201)
}

export const castVote: AppRouteHandler<typeof routes.castVote> = async (c) => {
  const row = await sessionForCode(getDb(c.env.DB), c.req.valid('param').code)
  const { token, label, position } = c.req.valid('json')
  const result = await sessionStub(c.env, row.id).vote(token, label.toUpperCase(), position)
  return c.json(unwrap(result), 200)
}

export const pupilSocket: AppRouteHandler<typeof routes.pupilSocket> = async (c) => {
  const row = await sessionForCode(getDb(c.env.DB), c.req.valid('param').code)
  const token = c.req.valid('query').token ?? pupilCookie(c, row.code)
  if (!token) throw new ApiError(403, 'Join the session first: open the join link')
  return upgrade(c, row.id, { 'x-live-role': 'pupil', 'x-live-token': token }) as never
}
