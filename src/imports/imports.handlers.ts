/** The import handlers, each typed against its route in imports.routes.ts. */
import { prepareImport, type ImportSource } from './prepare.ts'
import { applyStatements, seedQueries } from '../bank/seed.ts'
import { misconceptionSlugs } from '../misconceptions/misconceptions.queries.ts'
import { requireCurator } from '../hubs/hubs.queries.ts'
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { taxonomyRecord } from '../taxonomy/taxonomy.queries.ts'
import type * as routes from './imports.routes.ts'

export const importRoute: AppRouteHandler<typeof routes.importRoute> = async (c) => {
  const db = getDb(c.env.DB)
  await requireCurator(db, c.req.valid('param').hubSlug, currentUser(c))
  const { source, dryRun, status, licence } = c.req.valid('json')
  const { bank, report } = prepareImport([source as ImportSource], await taxonomyRecord(db), {
    status,
    licence,
    knownMisconceptions: await misconceptionSlugs(db),
  })
  if (!dryRun && (bank.items.length > 0 || bank.misconceptions.length > 0)) {
    // One batch: D1 runs it as a single transaction, so the good rows land together or not at all.
    await applyStatements(c.env.DB, seedQueries(bank))
  }
  return c.json({ dryRun, ...report }, 200)
}
