/**
 * D1 read replication through the Sessions API: every request runs its queries in one D1
 * session, so a read may be served by a nearby replica, and a teacher still reads their own
 * writes. A write starts at the primary ('first-primary'); its response carries the session's
 * bookmark in the `x-d1-bookmark` header and, for a browser, in a short-lived cookie. A later
 * request that sends the bookmark back (either way) starts from a replica at least that fresh;
 * one without it may read any replica ('first-unconstrained').
 *
 * The code that queries D1 does not change: `c.env.DB` becomes a stand-in whose queries go to
 * the current request's session (kept in AsyncLocalStorage), so `getDb(c.env.DB)` still makes
 * one drizzle instance per isolate.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'

export const BOOKMARK_HEADER = 'x-d1-bookmark'
const BOOKMARK_COOKIE = 'd1-bookmark'
/** Long enough for replicas to catch up with a write; after that any replica will do. */
const BOOKMARK_COOKIE_SECONDS = 300
// D1 bookmarks are hex fields separated by dashes; anything else is ignored, never an error.
const BOOKMARK = /^[0-9a-f]{1,16}(?:-[0-9a-f]{1,64}){1,7}$/i
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

const sessions = new AsyncLocalStorage<D1DatabaseSession>()
const standIns = new WeakMap<D1Database, D1Database>()

/** A D1Database whose queries run in the current request's session (the binding outside one). */
function sessionBound(binding: D1Database): D1Database {
  let standIn = standIns.get(binding)
  if (!standIn) {
    const target = () => sessions.getStore() ?? binding
    standIn = {
      prepare: (query: string) => target().prepare(query),
      batch: (statements: D1PreparedStatement[]) => target().batch(statements),
      exec: (query: string) => binding.exec(query),
      withSession: (constraint?: string) => binding.withSession(constraint),
      dump: () => binding.dump(),
    } as D1Database
    standIns.set(binding, standIn)
  }
  return standIn
}

export const d1Sessions: MiddlewareHandler<{ Bindings: { DB: D1Database } }> = async (c, next) => {
  const write = !SAFE.has(c.req.method)
  const sent = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, `__Host-${BOOKMARK_COOKIE}`)
  const bookmark = sent && BOOKMARK.test(sent) ? sent : undefined
  const binding = c.env.DB
  const session = binding.withSession(write ? 'first-primary' : (bookmark ?? 'first-unconstrained'))
  c.env = { ...c.env, DB: sessionBound(binding) }
  await sessions.run(session, next)
  const latest = session.getBookmark()
  if (!latest) return
  c.header(BOOKMARK_HEADER, latest)
  if (write && c.res.status < 400) {
    setCookie(c, BOOKMARK_COOKIE, latest, {
      prefix: 'host',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: BOOKMARK_COOKIE_SECONDS,
    })
  }
}
