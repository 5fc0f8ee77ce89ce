/**
 * The one way to reach a session's Durable Object, shared by the API handlers and the pages:
 * find the session (by id for its teacher, by code for pupils), call the object, and turn its
 * refusals into `ApiError`s.
 */
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { requireOwnClass } from '../classes/classes.queries.ts'
import type { AppEnv } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import type { LiveSession } from './live-session.ts'
import type { LiveResult } from './live-state.ts'
import * as queries from './live.queries.ts'

export function sessionStub(env: Env, sessionId: string): DurableObjectStub<LiveSession> {
  return env.LIVE_SESSIONS.get(env.LIVE_SESSIONS.idFromName(sessionId))
}

/** The object's answer, or its refusal as a problem (with the field it concerns, if any). */
export function unwrap<T>(result: LiveResult<T>, where = 'body'): T {
  if (result.ok) return result.value
  throw new ApiError(
    result.status,
    result.detail,
    result.field ? { errors: [{ in: where, field: result.field, message: result.detail }] } : {},
  )
}

export const joinUrl = (c: Context<AppEnv>, code: string) =>
  `${new URL(c.req.url).origin}/live/${code}`

export async function startSession(
  c: Context<AppEnv>,
  teacherId: string,
  input: { classId: string; itemIds?: string[]; set?: { setId: string; version: number } },
) {
  const db = getDb(c.env.DB)
  const klass = await requireOwnClass(db, input.classId, teacherId)
  const { questions, source } = await queries.resolveQuestions(db, input)
  if (questions.length === 0) throw new ApiError(400, 'That set version has no items')
  const { id } = await queries.createLiveSession(db, {
    teacherId,
    classId: klass.id,
    questions,
    source,
  })
  await sessionStub(c.env, id).init({
    sessionId: id,
    teacherId,
    classId: klass.id,
    year: klass.year,
    questions,
  })
  return id
}

/** The session as its teacher sees it; 404 for anyone but its teacher. */
export async function teacherView(c: Context<AppEnv>, db: Db, sessionId: string, userId: string) {
  const row = await queries.requireOwnSession(db, sessionId, userId)
  const state = unwrap(await sessionStub(c.env, row.id).teacherState())
  return {
    id: row.id,
    code: row.code,
    joinUrl: joinUrl(c, row.code),
    classId: row.classId,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    state,
    questions: row.questions,
    source: row.source,
  }
}

/** The session a pupil's code names, or a 404 that says to check the code. */
export async function sessionForCode(db: Db, rawCode: string) {
  const code = queries.normalizeCode(rawCode)
  const row = code ? await queries.getSessionByCode(db, code) : null
  if (!row) throw notFound(`A live session with the code ${rawCode.toUpperCase()}`)
  return row
}

const cookieName = (code: string) => `live-${code}`

/** The token this browser was given when it joined this session (a cookie), if any. */
export const pupilCookie = (c: Context<AppEnv>, code: string) =>
  getCookie(c, cookieName(code), 'host')

export function setPupilCookie(c: Context<AppEnv>, code: string, token: string) {
  setCookie(c, cookieName(code), token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 12 * 3600,
    prefix: 'host',
  })
}
