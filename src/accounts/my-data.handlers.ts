/** Handlers for export and deletion (my-data.routes.ts). */
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { checkOwnPassword } from './account-flows.ts'
import { deleteAccount, exportAccount } from './account-data.queries.ts'
import { clearSessionCookie } from './identify.ts'
import type * as routes from './my-data.routes.ts'

export const exportMe: AppRouteHandler<typeof routes.exportMe> = async (c) => {
  const data = await exportAccount(getDb(c.env.DB), currentUser(c).id)
  const day = new Date().toISOString().slice(0, 10)
  c.header('content-disposition', `attachment; filename="misconception-bank-account-${day}.json"`)
  c.header('cache-control', 'no-store')
  return c.json({ exportedAt: new Date().toISOString(), ...data }, 200)
}

export const deleteMe: AppRouteHandler<typeof routes.deleteMe> = async (c) => {
  const user = currentUser(c)
  await checkOwnPassword(c, user.id, c.req.valid('json').password, 'password')
  await deleteAccount(getDb(c.env.DB), user.id)
  clearSessionCookie(c)
  return c.body(null, 204)
}
