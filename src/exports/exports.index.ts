/** Export routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './exports.handlers.ts'
import * as routes from './exports.routes.ts'

export const exportsRouter = createRouter()
  .openapi(routes.exportVersion, handlers.exportVersion)
  .openapi(routes.exportItem, handlers.exportItem)
