/** Authoring routes for hub curators: create and edit items (draft → review → published) and misconceptions. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './authoring.handlers.ts'
import * as routes from './authoring.routes.ts'

export const authoringRouter = createRouter()
  .openapi(routes.createItem, handlers.createItem)
  .openapi(routes.editItem, handlers.editItem)
  .openapi(routes.submit, handlers.submit)
  .openapi(routes.publish, handlers.publish)
  .openapi(routes.revisions, handlers.revisions)
  .openapi(routes.review, handlers.review)
  .openapi(routes.createMisconception, handlers.createMisconception)
  .openapi(routes.editMisconception, handlers.editMisconception)
