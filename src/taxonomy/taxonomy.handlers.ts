/** The taxonomy handlers, each typed against its route in taxonomy.routes.ts. */
import { getDb } from '../lib/db.ts'
import { getTaxonomy } from './taxonomy.queries.ts'
import type * as routes from './taxonomy.routes.ts'
import type { AppRouteHandler } from '../lib/context.ts'

export const listTopics: AppRouteHandler<typeof routes.listTopics> = async (c) =>
  c.json({ strands: await getTaxonomy(getDb(c.env.DB)) }, 200)
