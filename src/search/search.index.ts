/** Search routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './search.handlers.ts'
import * as routes from './search.routes.ts'

export const searchRouter = createRouter()
  .openapi(routes.search, handlers.search)
  .openapi(routes.similarItems, handlers.similarItems)
