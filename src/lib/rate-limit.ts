/**
 * Rate limiting with the Workers Rate Limiting binding (`AUTH_RATE_LIMITER` in wrangler.toml):
 * a 429 problem with Retry-After once a client address goes over the limit.
 */
import type { Context } from 'hono'
import type { AppEnv } from './context.ts'
import { ApiError } from './errors.ts'

/** The binding's period, so Retry-After tells the truth. */
const PERIOD_SECONDS = 60

export const clientAddress = (c: Context) => c.req.header('cf-connecting-ip') ?? 'local'

export async function limitRate(c: Context<AppEnv>, action: string) {
  const { success } = await c.env.AUTH_RATE_LIMITER.limit({ key: `${action}:${clientAddress(c)}` })
  if (!success) {
    throw new ApiError(
      429,
      `Too many ${action} attempts from this address; try again in a minute`,
      {
        headers: { 'retry-after': String(PERIOD_SECONDS) },
      },
    )
  }
}
