/**
 * Rate limiting with the Workers Rate Limiting bindings (`AUTH_RATE_LIMITER`,
 * `ACCOUNT_RATE_LIMITER`, `POST_RATE_LIMITER` in wrangler.toml): a 429 problem with Retry-After
 * once a key goes over its limit.
 */
import type { Context } from 'hono'
import type { AppEnv } from './context.ts'
import { ApiError } from './errors.ts'

/** Every binding's period in wrangler.toml, so Retry-After tells the truth. */
const PERIOD_SECONDS = 60

export const clientAddress = (c: Context) => c.req.header('cf-connecting-ip') ?? 'local'

type Limiter = 'AUTH_RATE_LIMITER' | 'ACCOUNT_RATE_LIMITER' | 'POST_RATE_LIMITER'

/** Throws a 429 (with `message`) when `key` has gone over the limiter's limit. */
export async function limitRate(
  c: Context<AppEnv>,
  limiter: Limiter,
  key: string,
  message: string,
) {
  const { success } = await c.env[limiter].limit({ key })
  if (!success) {
    throw new ApiError(429, message, { headers: { 'retry-after': String(PERIOD_SECONDS) } })
  }
}

/** Sign-in and sign-up attempts, per client address. */
export const limitAuthAttempts = (
  c: Context<AppEnv>,
  action: 'sign-in' | 'sign-up' | 'password-reset',
) =>
  limitRate(
    c,
    'AUTH_RATE_LIMITER',
    `${action}:${clientAddress(c)}`,
    `Too many ${action} attempts from this address; try again in a minute`,
  )
