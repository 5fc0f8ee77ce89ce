/** Hub routes wired to their handlers. */
import { listAudit } from '../audit/audit.queries.ts'
import { currentUser } from '../lib/context.ts'
import { createRouter } from '../lib/create-app.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import * as queries from './hubs.queries.ts'
import * as routes from './hubs.routes.ts'

async function hubOr404(db: Db, slug: string) {
  const hub = await queries.getHub(db, slug)
  if (!hub) throw notFound('That hub')
  return hub
}

export const hubsRouter = createRouter()
  .openapi(routes.listHubs, async (c) =>
    c.json({ data: await queries.listHubs(getDb(c.env.DB)) }, 200),
  )
  .openapi(routes.createHub, async (c) => {
    const db = getDb(c.env.DB)
    const input = c.req.valid('json')
    if (!(await queries.createHub(db, currentUser(c).id, input)))
      throw new ApiError(409, `A hub called "${input.slug}" already exists`)
    return c.json(await hubOr404(db, input.slug), 201)
  })
  .openapi(routes.getHub, async (c) =>
    c.json(await hubOr404(getDb(c.env.DB), c.req.valid('param').hubSlug), 200),
  )
  .openapi(routes.updateHub, async (c) => {
    const db = getDb(c.env.DB)
    const { hubSlug } = c.req.valid('param')
    await queries.requireCurator(db, hubSlug, currentUser(c))
    await queries.updateHub(db, hubSlug, c.req.valid('json'))
    return c.json(await hubOr404(db, hubSlug), 200)
  })
  .openapi(routes.addCurator, async (c) => {
    const { hubSlug, userId } = c.req.valid('param')
    await queries.addCurator(getDb(c.env.DB), currentUser(c).id, hubSlug, userId)
    return c.body(null, 204)
  })
  .openapi(routes.removeCurator, async (c) => {
    const { hubSlug, userId } = c.req.valid('param')
    await queries.removeCurator(getDb(c.env.DB), currentUser(c).id, hubSlug, userId)
    return c.body(null, 204)
  })
  .openapi(routes.hubAudit, async (c) => {
    const db = getDb(c.env.DB)
    const { hubSlug } = c.req.valid('param')
    await queries.requireCurator(db, hubSlug, currentUser(c))
    return c.json({ data: await listAudit(db, { scope: 'hub', scopeId: hubSlug }) }, 200)
  })
  .openapi(routes.siteAudit, async (c) => c.json({ data: await listAudit(getDb(c.env.DB)) }, 200))
