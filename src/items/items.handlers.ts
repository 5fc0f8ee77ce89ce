/** The item handlers, each typed against its route in items.routes.ts. */
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { decodeCursor, toPage } from '../lib/pagination.ts'
import * as queries from './items.queries.ts'
import type * as routes from './items.routes.ts'
import type { AppRouteHandler } from '../lib/context.ts'

export const listItems: AppRouteHandler<typeof routes.listItems> = async (c) => {
  const { limit, cursor, ...filters } = c.req.valid('query')
  const rows = await queries.listItems(getDb(c.env.DB), filters, {
    limit,
    afterId: decodeCursor(cursor),
  })
  return c.json(
    toPage(rows, limit, (row) => row.id),
    200,
  )
}

export const getItem: AppRouteHandler<typeof routes.getItem> = async (c) => {
  const item = await queries.getItem(getDb(c.env.DB), c.req.valid('param').id)
  if (!item) throw notFound(`Item "${c.req.valid('param').id}"`)
  return c.json(item, 200)
}
