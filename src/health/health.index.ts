/** `GET /api/health`: the Worker is up and can read D1. */
import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from '../lib/create-app.ts'
import { getBankVersion } from '../bank/version.ts'
import { getDb } from '../lib/db.ts'
import { commonErrors } from '../lib/errors.ts'

export const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['Health'],
  summary: 'Liveness, with a one-row D1 read',
  request: { query: z.strictObject({}) },
  responses: {
    200: {
      description: 'Healthy',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ok'), bankVersion: z.string().nullable() }),
        },
      },
    },
    ...commonErrors,
  },
})

export const healthRouter = createRouter().openapi(health, async (c) => {
  const bankVersion = await getBankVersion(getDb(c.env.DB))
  c.header('cache-control', 'no-store')
  return c.json({ status: 'ok' as const, bankVersion }, 200)
})
