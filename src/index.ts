/**
 * The Worker: one Hono app serving the JSON API (with its generated OpenAPI document) and the
 * pages teachers use, from D1. Middleware order matters: security headers, the request's D1
 * session, CORS, body limits, who is asking (identify), what they may call (enforceAccess), then
 * caching headers.
 */
import { swaggerUI } from '@hono/swagger-ui'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'
import { secureHeaders } from 'hono/secure-headers'
import { accountsRouter } from './accounts/accounts.index.ts'
import { annotationsRouter } from './annotations/annotations.index.ts'
import { discussionsRouter } from './discussions/discussions.index.ts'
import { hubsRouter } from './hubs/hubs.index.ts'
import { enforceAccess } from './lib/access.ts'
import { identify } from './accounts/identify.ts'
import { allowedOrigins } from './lib/origins.ts'
import { BOOKMARK_HEADER, d1Sessions } from './lib/d1-sessions.ts'
import { authPages } from './pages/auth-pages.tsx'
import { recoveryPages } from './pages/recovery-pages.tsx'
import { accountPages } from './pages/account-pages.tsx'
import { setPages } from './pages/set-pages.tsx'
import { itemPages } from './pages/item-pages.tsx'
import { misconceptionPages } from './pages/misconception-pages.tsx'
import { postPages } from './pages/post-pages.tsx'
import { searchPages } from './pages/search-pages.tsx'
import { threadPages } from './pages/thread-pages.tsx'
import { workgroupPages } from './pages/workgroup-pages.tsx'
import { renderPageError } from './pages/error-page.tsx'
import { healthRouter } from './health/health.index.ts'
import { itemsRouter } from './items/items.index.ts'
import { createApp } from './lib/create-app.ts'
import { ApiError } from './lib/errors.ts'
import { revisionedReads } from './lib/revisions.ts'
import { misconceptionsRouter } from './misconceptions/misconceptions.index.ts'
import { searchRouter } from './search/search.index.ts'
import { authoringRouter } from './authoring/authoring.index.ts'
import { importsRouter } from './imports/imports.index.ts'
import { MAX_IMPORT_BYTES } from './imports/imports.routes.ts'
import { mediaRouter } from './media/media.index.ts'
import { exportsRouter } from './exports/exports.index.ts'
import { setsRouter } from './sets/sets.index.ts'
import { taxonomyRouter } from './taxonomy/taxonomy.index.ts'
import { workgroupsRouter } from './workgroups/workgroups.index.ts'
import { classesRouter } from './classes/classes.index.ts'
import { evidenceRouter } from './evidence/evidence.index.ts'
import { liveRouter } from './live/live.index.ts'
import { listsRouter } from './lists/lists.index.ts'
import { classPages } from './pages/class-pages.tsx'
import { evidencePages } from './pages/evidence-pages.tsx'
import { livePages } from './pages/live-pages.tsx'
import { livePupilPages } from './pages/live-pupil-pages.tsx'
import { hubAdminPages } from './pages/hub-admin-pages.tsx'
import { hubDashboardPages } from './pages/hub-dashboard-pages.tsx'
import { authoringPages } from './pages/authoring-pages.tsx'
import { reviewPages } from './pages/review-pages.tsx'
import { setBuilderPages } from './pages/set-builder-pages.tsx'
import { importPages } from './pages/import-pages.tsx'
import { moderationPages } from './pages/moderation-pages.tsx'
import { listPages } from './pages/list-pages.tsx'
import { workgroupHomePages } from './pages/workgroup-home.tsx'
import { annotationPages } from './pages/annotation-pages.tsx'

const MAX_BODY_BYTES = 256 * 1024

const app = createApp({ pageError: renderPageError })

app.use(
  '*',
  secureHeaders({
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  }),
)
// Every query of a request runs in one D1 session: replicas for reads, a teacher's own writes seen.
app.use('*', d1Sessions)
// Browsers on other origins may call the API only from the configured allowlist (CORS_ORIGINS).
app.use(
  '/api/*',
  cors({
    origin: (origin, c) => (allowedOrigins(c).has(origin) ? origin : null),
    credentials: true,
    allowHeaders: ['content-type', 'authorization', 'if-none-match', BOOKMARK_HEADER],
    exposeHeaders: [BOOKMARK_HEADER],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  }),
)
const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, `The request body is larger than ${maxSize / 1024} KiB`)
    },
  })
const importBodyLimit = limitBody(MAX_IMPORT_BYTES)
const defaultBodyLimit = limitBody(MAX_BODY_BYTES)
// Imports carry whole files; every other request is small.
app.use('/api/*', (c, next) =>
  (/^\/api\/hubs\/[^/]+\/import$/.test(c.req.path) ? importBodyLimit : defaultBodyLimit)(c, next),
)
// Who is asking, then whether the access table lets them ask (deny by default).
app.use('*', identify)
app.use('/api/*', enforceAccess)
// Public reads are cacheable briefly and revalidated cheaply: a matching If-None-Match gets 304.
app.use('/api/*', etag(), revisionedReads, async (c, next) => {
  await next()
  if (c.req.method !== 'GET' || c.res.status !== 200 || c.res.headers.has('cache-control')) return
  // What a signed-in caller sees may be theirs alone; only anonymous reads go to shared caches.
  c.header(
    'cache-control',
    c.get('user') ? 'private, no-cache' : 'public, max-age=60, stale-while-revalidate=600',
  )
  c.header('vary', 'Cookie, Authorization', { append: true })
})

app
  .route('/', healthRouter)
  .route('/', itemsRouter)
  .route('/', misconceptionsRouter)
  .route('/', taxonomyRouter)
  .route('/', searchRouter)
  .route('/', accountsRouter)
  .route('/', workgroupsRouter)
  .route('/', hubsRouter)
  .route('/', setsRouter)
  .route('/', exportsRouter)
  .route('/', importsRouter)
  .route('/', mediaRouter)
  .route('/', authoringRouter)
  .route('/', discussionsRouter)
  .route('/', annotationsRouter)
  .route('/', classesRouter)
  .route('/', liveRouter)
  .route('/', evidenceRouter)
  .route('/', listsRouter)

// Pages for people in a browser: server-rendered, reading through the same query functions.
app
  .route('/', searchPages)
  .route('/', itemPages)
  .route('/', misconceptionPages)
  .route('/', authPages)
  .route('/', recoveryPages)
  .route('/', accountPages)
  .route('/', workgroupPages)
  .route('/', workgroupHomePages)
  .route('/', threadPages)
  .route('/', postPages)
  .route('/', setPages)
  .route('/', livePages)
  .route('/', livePupilPages)
  .route('/', classPages)
  .route('/', evidencePages)
  .route('/', hubAdminPages)
  .route('/', hubDashboardPages)
  .route('/', authoringPages)
  .route('/', reviewPages)
  .route('/', setBuilderPages)
  .route('/', importPages)
  .route('/', moderationPages)
  .route('/', listPages)
  .route('/', annotationPages)

app.doc31('/api/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Misconception bank API',
    version: '1.0.0',
    description:
      'Diagnostic maths questions whose wrong answers each reveal a misconception. Errors are RFC 9457 problem details.',
  },
})
app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
  type: 'apiKey',
  in: 'cookie',
  name: '__Host-session',
})
app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
  type: 'http',
  scheme: 'bearer',
})
// The docs UI loads Swagger UI's script and styles from its CDN; only this page may.
app.get(
  '/api/docs',
  async (c, next) => {
    await next()
    c.res.headers.set(
      'content-security-policy',
      "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://cdn.jsdelivr.net; frame-ancestors 'none'",
    )
  },
  swaggerUI({ url: '/api/openapi.json' }),
)

// Durable Object classes must be exported by the Worker's entry module.
export { LiveSession } from './live/live-session.ts'
export default app
