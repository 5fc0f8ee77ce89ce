/**
 * What every handler can read from the request context: the Worker's bindings and who is asking.
 * Kept in lib/ so that lib/ depends on nothing above it; accounts/ fills `user` in (identify).
 */
import type { RouteConfig, RouteHandler } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ApiError } from './errors.ts'

/** The signed-in person as every domain sees them. */
export interface CurrentUser {
  id: string
  displayName: string
  isSiteAdmin: boolean
}

export interface AppEnv {
  Bindings: Env
  Variables: {
    /** The signed-in user, or null (set by `identify` in accounts/identify.ts). */
    user: (CurrentUser & { sessionId?: string }) | null
    auth: 'session' | 'token'
  }
}

/**
 * The signed-in user, or a 401. The one "signed in" check: API handlers call it, and pages call
 * it too (their error renderer turns the 401 into the sign-in page).
 */
export function currentUser(c: Context<AppEnv>): CurrentUser & { sessionId?: string } {
  const user = c.get('user')
  if (!user) throw new ApiError(401, 'Sign in first')
  return user
}

/** A handler typed against its route declaration: params, query, body and responses checked. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>
