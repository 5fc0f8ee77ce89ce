/** Class handlers: thin, each scoped to the signed-in teacher's own classes. */
import type { RouteHandler } from '@hono/zod-openapi'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import * as queries from './classes.queries.ts'
import type * as routes from './classes.routes.ts'

export const listClasses: RouteHandler<typeof routes.listClasses, AppEnv> = async (c) =>
  c.json({ data: await queries.listClasses(getDb(c.env.DB), currentUser(c).id) }, 200)

export const createClass: RouteHandler<typeof routes.createClass, AppEnv> = async (c) =>
  c.json(await queries.createClass(getDb(c.env.DB), currentUser(c).id, c.req.valid('json')), 201)

export const updateClass: RouteHandler<typeof routes.updateClass, AppEnv> = async (c) =>
  c.json(
    await queries.updateClass(
      getDb(c.env.DB),
      c.req.valid('param').classId,
      currentUser(c).id,
      c.req.valid('json'),
    ),
    200,
  )

export const deleteClass: RouteHandler<typeof routes.deleteClass, AppEnv> = async (c) => {
  await queries.deleteClass(getDb(c.env.DB), c.req.valid('param').classId, currentUser(c).id)
  return c.body(null, 204)
}
