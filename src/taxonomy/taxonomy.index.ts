/** `GET /api/topics`: the taxonomy with item counts. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './taxonomy.handlers.ts'
import * as routes from './taxonomy.routes.ts'

export const taxonomyRouter = createRouter().openapi(routes.listTopics, handlers.listTopics)
