/** List handlers: thin, each on the signed-in teacher's own list. */
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import * as queries from './lists.queries.ts'
import type * as routes from './lists.routes.ts'

export const getList: AppRouteHandler<typeof routes.getList> = async (c) =>
  c.json(await queries.getList(getDb(c.env.DB), currentUser(c).id), 200)

export const saveList: AppRouteHandler<typeof routes.saveList> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = currentUser(c)
  await queries.saveList(db, id, c.req.valid('json'))
  return c.json(await queries.getList(db, id), 200)
}

export const addToList: AppRouteHandler<typeof routes.addToList> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = currentUser(c)
  await queries.addToList(db, id, c.req.valid('param').itemId)
  return c.json(await queries.getList(db, id), 200)
}

export const removeFromList: AppRouteHandler<typeof routes.removeFromList> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = currentUser(c)
  await queries.removeFromList(db, id, c.req.valid('param').itemId)
  return c.json(await queries.getList(db, id), 200)
}
