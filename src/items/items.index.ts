/** Item routes wired to their handlers. Handlers stay thin: validate, query, shape. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './items.handlers.ts'
import * as routes from './items.routes.ts'

export const itemsRouter = createRouter()
  .openapi(routes.listItems, handlers.listItems)
  .openapi(routes.getItem, handlers.getItem)
