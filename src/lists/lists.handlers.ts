/** List handlers: thin, each on the signed-in teacher's own list, answered with its revision. */
import type { Context } from 'hono'
import { currentUser, type AppEnv, type AppRouteHandler } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { expectedRevision, tagRevision } from '../lib/revisions.ts'
import * as queries from './lists.queries.ts'
import type * as routes from './lists.routes.ts'

async function listNow(c: Context<AppEnv>, db: Db, teacherId: string) {
  const list = await queries.getList(db, teacherId)
  tagRevision(c, list.revision)
  return list
}

export const getList: AppRouteHandler<typeof routes.getList> = async (c) =>
  c.json(await listNow(c, getDb(c.env.DB), currentUser(c).id), 200)

export const saveList: AppRouteHandler<typeof routes.saveList> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = currentUser(c)
  const expected = expectedRevision(c.req.valid('header')['if-match'])
  await queries.saveList(db, id, c.req.valid('json'), expected)
  return c.json(await listNow(c, db, id), 200)
}

export const addToList: AppRouteHandler<typeof routes.addToList> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = currentUser(c)
  await queries.addToList(db, id, c.req.valid('param').itemId)
  return c.json(await listNow(c, db, id), 200)
}

export const removeFromList: AppRouteHandler<typeof routes.removeFromList> = async (c) => {
  const db = getDb(c.env.DB)
  const { id } = currentUser(c)
  await queries.removeFromList(db, id, c.req.valid('param').itemId)
  return c.json(await listNow(c, db, id), 200)
}
