/** The media handler, typed against its route in media.routes.ts. */
import type { AppRouteHandler } from '../lib/context.ts'
import { notFound } from '../lib/errors.ts'
import type * as routes from './media.routes.ts'

export const getMedia: AppRouteHandler<typeof routes.getMediaRoute> = async (c) => {
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
}
