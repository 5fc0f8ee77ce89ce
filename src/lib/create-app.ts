/**
 * The one app factory. Every router is made here, so every router shares the same validation
 * hook (zod issues → a 400 problem with one entry per field) and the same error rendering.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './context.ts'
import { ApiError, problemResponse } from './errors.ts'

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.target === 'json' ? 'body' : result.target
        throw new ApiError(400, `The request ${where} is not valid`, {
          errors: result.error.issues.map((issue) => ({
            in: where,
            field: issue.path.length > 0 ? issue.path.join('.') : unknownKeys(issue) || '(root)',
            message: issue.message,
          })),
        })
      }
    },
  })
}

// zod reports unknown keys as one issue at the root; name them so the caller can find them.
function unknownKeys(issue: { code: string; keys?: unknown }): string {
  return issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)
    ? issue.keys.join(', ')
    : ''
}

/** Renders an error for a person in a browser (pages); the API always gets problem+json. */
export type PageErrorRenderer = (
  c: Context<AppEnv>,
  error: ApiError,
) => Response | Promise<Response>

/** The root app: a router plus 404/405 and the one error handler. */
export function createApp(options: { pageError?: PageErrorRenderer } = {}) {
  const app = createRouter()
  const respond = (c: Context<AppEnv>, error: ApiError) =>
    options.pageError && !new URL(c.req.url).pathname.startsWith('/api/')
      ? options.pageError(c, error)
      : problemResponse(c, error)
  app.notFound((c) => {
    const allowed = allowedMethods(app, c)
    if (allowed.length > 0) {
      return respond(
        c,
        new ApiError(405, `${c.req.method} is not allowed here; use ${allowed.join(', ')}`, {
          headers: { allow: allowed.join(', ') },
        }),
      )
    }
    return respond(c, new ApiError(404, `Nothing is at ${new URL(c.req.url).pathname}`))
  })
  app.onError((error, c) => {
    if (error instanceof ApiError) return respond(c, error)
    if (error instanceof HTTPException && error.status < 500) {
      return respond(c, new ApiError(error.status, error.message || 'Request refused'))
    }
    // Log the error itself (never the request body or headers, which may hold secrets).
    console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, error)
    return respond(c, new ApiError(500, 'Something went wrong on our side; it has been logged.'))
  })
  return app
}

const patterns = new WeakMap<Hono<AppEnv>, { method: string; regex: RegExp }[]>()

/** Methods registered for this path under other verbs, so a wrong verb is a 405, not a 404. */
function allowedMethods(app: Hono<AppEnv>, c: Context): string[] {
  let routes = patterns.get(app)
  if (!routes) {
    routes = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({
        method: r.method,
        regex: new RegExp(
          `^${r.path
            .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
            .replace(/:\w+/g, '[^/]+')
            .replace(/\*/g, '.*')}/?$`,
        ),
      }))
    patterns.set(app, routes)
  }
  const path = new URL(c.req.url).pathname
  const methods = new Set(routes.filter((r) => r.regex.test(path)).map((r) => r.method))
  if (methods.has('GET')) methods.add('HEAD')
  return [...methods].filter((m) => m !== c.req.method).sort()
}
