/** Class handlers: thin, each scoped to the signed-in teacher's own classes. */
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { expectedRevision, tagRevision } from '../lib/revisions.ts'
import * as queries from './classes.queries.ts'
import type * as routes from './classes.routes.ts'

export const listClasses: AppRouteHandler<typeof routes.listClasses> = async (c) =>
  c.json({ data: await queries.listClasses(getDb(c.env.DB), currentUser(c).id) }, 200)

export const createClass: AppRouteHandler<typeof routes.createClass> = async (c) =>
  c.json(await queries.createClass(getDb(c.env.DB), currentUser(c).id, c.req.valid('json')), 201)

export const updateClass: AppRouteHandler<typeof routes.updateClass> = async (c) => {
  const updated = await queries.updateClass(
    getDb(c.env.DB),
    c.req.valid('param').classId,
    currentUser(c).id,
    c.req.valid('json'),
    expectedRevision(c.req.valid('header')['if-match']),
  )
  tagRevision(c, updated.revision)
  return c.json(updated, 200)
}

export const deleteClass: AppRouteHandler<typeof routes.deleteClass> = async (c) => {
  await queries.deleteClass(getDb(c.env.DB), c.req.valid('param').classId, currentUser(c).id)
  return c.body(null, 204)
}
