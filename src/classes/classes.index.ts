/** Class routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './classes.handlers.ts'
import * as routes from './classes.routes.ts'

export const classesRouter = createRouter()
  .openapi(routes.listClasses, handlers.listClasses)
  .openapi(routes.createClass, handlers.createClass)
  .openapi(routes.updateClass, handlers.updateClass)
  .openapi(routes.deleteClass, handlers.deleteClass)
