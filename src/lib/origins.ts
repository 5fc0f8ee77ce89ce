/** Which origins may make cross-origin requests: this site plus the `CORS_ORIGINS` allowlist. */
import type { Context } from 'hono'
import type { AppEnv } from './context.ts'

export function allowedOrigins(c: Context<AppEnv>): Set<string> {
  const configured = (c.env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
  return new Set([new URL(c.req.url).origin, ...configured])
}
