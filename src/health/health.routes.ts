/** The health route, declared with its schema. */
import { createRoute, z } from '@hono/zod-openapi'
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
