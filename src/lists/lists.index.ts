/** List routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './lists.handlers.ts'
import * as routes from './lists.routes.ts'

export const listsRouter = createRouter()
  .openapi(routes.getList, handlers.getList)
  .openapi(routes.saveList, handlers.saveList)
  .openapi(routes.addToList, handlers.addToList)
  .openapi(routes.removeFromList, handlers.removeFromList)
