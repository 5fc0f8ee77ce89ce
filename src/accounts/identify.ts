/**
 * Who is asking. A request is authenticated by an API token (`Authorization: Bearer mbt_…`) or a
 * session cookie (`__Host-session`). Cookie-authenticated unsafe requests must come from an
 * allowed origin (CSRF); bearer requests cannot be forged by a browser, so they need not.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv, CurrentUser } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { allowedOrigins } from '../lib/origins.ts'
import { SESSION_ABSOLUTE_MS, userForApiToken, userForSession } from './accounts.queries.ts'

/** Sent as `__Host-session`: the prefix pins it to this host, over HTTPS, on path /. */
export const SESSION_COOKIE = 'session'

export function setSessionCookie(c: Context, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
    prefix: 'host',
  })
}

export const clearSessionCookie = (c: Context) =>
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' })

export const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE, 'host')

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Identify the caller; sets `user` (or null) and how they authenticated. */
export const identify: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = getDb(c.env.DB)
  const header = c.req.header('authorization')
  let user: (CurrentUser & { sessionId?: string }) | null = null
  if (header !== undefined) {
    const match = /^Bearer (mbt_[\w-]{20,100})$/.exec(header)
    user = match?.[1] ? await userForApiToken(db, match[1]) : null
    if (!user)
      throw new ApiError(401, 'The API token is not valid or has been revoked', {
        headers: { 'www-authenticate': 'Bearer' },
      })
    c.set('auth', 'token')
  } else {
    const token = sessionToken(c)
    if (token) {
      user = await userForSession(db, token)
      if (user) {
        c.set('auth', 'session')
        if (UNSAFE.has(c.req.method)) checkOrigin(c)
      }
    }
  }
  c.set('user', user)
  await next()
}

function checkOrigin(c: Context<AppEnv>) {
  const origin = c.req.header('origin')
  const site = c.req.header('sec-fetch-site')
  if (
    origin
      ? allowedOrigins(c).has(origin)
      : site === undefined || site === 'same-origin' || site === 'none'
  )
    return
  throw new ApiError(403, 'Cross-site request refused: this request must come from the site itself')
}
