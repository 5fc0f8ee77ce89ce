/** The media route, declared with its schema. */
import { createRoute, z } from '@hono/zod-openapi'
import { MEDIA_KEY } from '../interchange/media-keys.ts'
import { commonErrors, notFoundError } from '../lib/errors.ts'

export const getMediaRoute = createRoute({
  method: 'get',
  path: '/api/media/{key}',
  tags: ['Items'],
  summary: 'An image an item shows (imported with it)',
  request: {
    params: z.object({
      key: z
        .string()
        .max(80)
        .regex(MEDIA_KEY, 'must be a media key: 32 hex digits and an image extension'),
    }),
  },
  responses: {
    200: {
      description: 'The image',
      content: { 'image/*': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...notFoundError,
    ...commonErrors,
  },
})
