/**
 * `GET /api/media/{key}`: an image an item shows, from the MEDIA bucket. Keys are hashes of the
 * bytes, so a response never changes and caches may keep it for a year. SVG is served with a CSP
 * that runs nothing, on top of the sanitizer it went through when it was imported.
 */
import { createRoute, z } from '@hono/zod-openapi'
import { MEDIA_KEY } from '../interchange/media.ts'
import { createRouter } from '../lib/create-app.ts'
import { commonErrors, notFound, notFoundError } from '../lib/errors.ts'

export const getMediaRoute = createRoute({
  method: 'get',
  path: '/api/media/{key}',
  tags: ['Items'],
  summary: 'An image an item shows (imported with it)',
  request: {
    params: z.object({
      key: z.string().regex(MEDIA_KEY, 'must be a media key: 32 hex digits and an image extension'),
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

export const mediaRouter = createRouter().openapi(getMediaRoute, async (c) => {
  const { key } = c.req.valid('param')
  const object = await c.env.MEDIA.get(key)
  if (!object) throw notFound('That image')
  const type = object.httpMetadata?.contentType ?? 'application/octet-stream'
  return c.body(object.body, 200, {
    'content-type': type,
    'cache-control': 'public, max-age=31536000, immutable',
    etag: object.httpEtag,
    ...(type === 'image/svg+xml'
      ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" }
      : {}),
  })
})
