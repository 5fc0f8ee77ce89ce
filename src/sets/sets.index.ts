/** Set routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './sets.handlers.ts'
import * as routes from './sets.routes.ts'

export const setsRouter = createRouter()
  .openapi(routes.createSet, handlers.createSet)
  .openapi(routes.getSet, handlers.getSet)
  .openapi(routes.updateSet, handlers.updateSet)
  .openapi(routes.publishVersion, handlers.publishVersion)
  .openapi(routes.listVersions, handlers.listVersions)
  .openapi(routes.getVersion, handlers.getVersion)
  .openapi(routes.withdrawVersion, handlers.withdrawVersion)
  .openapi(routes.listHubSets, handlers.listHubSets)
