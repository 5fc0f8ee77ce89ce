/** Hub routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './hubs.handlers.ts'
import * as routes from './hubs.routes.ts'

export const hubsRouter = createRouter()
  .openapi(routes.listHubs, handlers.listHubs)
  .openapi(routes.createHub, handlers.createHub)
  .openapi(routes.getHub, handlers.getHub)
  .openapi(routes.updateHub, handlers.updateHub)
  .openapi(routes.addCurator, handlers.addCurator)
  .openapi(routes.removeCurator, handlers.removeCurator)
  .openapi(routes.hubAudit, handlers.hubAudit)
  .openapi(routes.siteAudit, handlers.siteAudit)
