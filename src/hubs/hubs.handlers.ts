/** The hub handlers, each typed against its route in hubs.routes.ts. */
import { listAudit } from '../audit/audit.queries.ts'
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { expectedRevision, tagRevision } from '../lib/revisions.ts'
import * as queries from './hubs.queries.ts'
import type * as routes from './hubs.routes.ts'

async function hubOr404(db: Db, slug: string) {
  const hub = await queries.getHub(db, slug)
  if (!hub) throw notFound('That hub')
  return hub
}

export const listHubs: AppRouteHandler<typeof routes.listHubs> = async (c) =>
  c.json({ data: await queries.listHubs(getDb(c.env.DB)) }, 200)

export const createHub: AppRouteHandler<typeof routes.createHub> = async (c) => {
  const db = getDb(c.env.DB)
  const input = c.req.valid('json')
  if (!(await queries.createHub(db, currentUser(c).id, input)))
    throw new ApiError(409, `A hub called "${input.slug}" already exists`)
  return c.json(await hubOr404(db, input.slug), 201)
}

export const getHub: AppRouteHandler<typeof routes.getHub> = async (c) => {
  const hub = await hubOr404(getDb(c.env.DB), c.req.valid('param').hubSlug)
  tagRevision(c, hub.revision)
  return c.json(hub, 200)
}

export const updateHub: AppRouteHandler<typeof routes.updateHub> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug } = c.req.valid('param')
  await queries.requireCurator(db, hubSlug, currentUser(c))
  const expected = expectedRevision(c.req.valid('header')['if-match'])
  await queries.updateHub(db, hubSlug, c.req.valid('json'), expected)
  const hub = await hubOr404(db, hubSlug)
  tagRevision(c, hub.revision)
  return c.json(hub, 200)
}

export const addCurator: AppRouteHandler<typeof routes.addCurator> = async (c) => {
  const { hubSlug, userId } = c.req.valid('param')
  await queries.addCurator(getDb(c.env.DB), currentUser(c).id, hubSlug, userId)
  return c.body(null, 204)
}

export const removeCurator: AppRouteHandler<typeof routes.removeCurator> = async (c) => {
  const { hubSlug, userId } = c.req.valid('param')
  await queries.removeCurator(getDb(c.env.DB), currentUser(c).id, hubSlug, userId)
  return c.body(null, 204)
}

export const hubAudit: AppRouteHandler<typeof routes.hubAudit> = async (c) => {
  const db = getDb(c.env.DB)
  const { hubSlug } = c.req.valid('param')
  await queries.requireCurator(db, hubSlug, currentUser(c))
  return c.json({ data: await listAudit(db, { scope: 'hub', scopeId: hubSlug }) }, 200)
}

export const siteAudit: AppRouteHandler<typeof routes.siteAudit> = async (c) =>
  c.json({ data: await listAudit(getDb(c.env.DB)) }, 200)
