/** The health handlers, each typed against its route in health.routes.ts. */
import { getBankVersion } from '../bank/version.ts'
import { getDb } from '../lib/db.ts'
import type * as routes from './health.routes.ts'
import type { AppRouteHandler } from '../lib/context.ts'

export const health: AppRouteHandler<typeof routes.health> = async (c) => {
  const bankVersion = await getBankVersion(getDb(c.env.DB))
  c.header('cache-control', 'no-store')
  return c.json({ status: 'ok' as const, bankVersion }, 200)
}
