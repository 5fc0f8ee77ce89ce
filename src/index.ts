/**
 * The Worker: one Hono app serving the JSON API (with its generated OpenAPI document) from D1.
 */
import { swaggerUI } from '@hono/swagger-ui'
import { bodyLimit } from 'hono/body-limit'
import { etag } from 'hono/etag'
import { secureHeaders } from 'hono/secure-headers'
import { healthRouter } from './health/health.index.ts'
import { itemsRouter } from './items/items.index.ts'
import { createApp } from './lib/create-app.ts'
import { ApiError } from './lib/errors.ts'
import { misconceptionsRouter } from './misconceptions/misconceptions.index.ts'
import { searchRouter } from './search/search.index.ts'
import { taxonomyRouter } from './taxonomy/taxonomy.index.ts'

const MAX_BODY_BYTES = 256 * 1024

const app = createApp()

app.use(
  '*',
  secureHeaders({
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
  }),
)
app.use(
  '/api/*',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB`)
    },
  }),
)
// Public reads are cacheable briefly and revalidated cheaply: a matching If-None-Match gets 304.
app.use('/api/*', etag(), async (c, next) => {
  await next()
  if (c.req.method === 'GET' && c.res.status === 200 && !c.res.headers.has('cache-control')) {
    c.header('cache-control', 'public, max-age=60, stale-while-revalidate=600')
  }
})

const routes = app
  .route('/', healthRouter)
  .route('/', itemsRouter)
  .route('/', misconceptionsRouter)
  .route('/', taxonomyRouter)
  .route('/', searchRouter)

app.doc31('/api/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Misconception bank API',
    version: '1.0.0',
    description:
      'Diagnostic maths questions whose wrong answers each reveal a misconception. Errors are RFC 9457 problem details.',
  },
})
app.get('/api/docs', swaggerUI({ url: '/api/openapi.json' }))

export type AppType = typeof routes
export default app
