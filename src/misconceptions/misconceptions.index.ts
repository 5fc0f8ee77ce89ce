/** Misconception routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './misconceptions.handlers.ts'
import * as routes from './misconceptions.routes.ts'

export const misconceptionsRouter = createRouter()
  .openapi(routes.listMisconceptions, handlers.listMisconceptions)
  .openapi(routes.getMisconception, handlers.getMisconception)
