/**
 * Annotation and note routes wired to their handlers. A proposal is seen by its workgroup and by
 * those who review proposals for the shared bank (hub curators, site admins); 404 to anyone else.
 */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './annotations.handlers.ts'
import * as routes from './annotations.routes.ts'

export const annotationsRouter = createRouter()
  .openapi(routes.listWorkgroupAnnotations, handlers.listWorkgroupAnnotations)
  .openapi(routes.proposeAnnotation, handlers.proposeAnnotation)
  .openapi(routes.reviewQueue, handlers.reviewQueue)
  .openapi(routes.getAnnotation, handlers.getAnnotation)
  .openapi(routes.respond, handlers.respond)
  .openapi(routes.accept, handlers.accept)
  .openapi(routes.reject, handlers.reject)
  .openapi(routes.itemCredits, handlers.itemCredits)
  .openapi(routes.listNotes, handlers.listNotes)
  .openapi(routes.addNote, handlers.addNote)
  .openapi(routes.shareNote, handlers.shareNote)
  .openapi(routes.sharedNotes, handlers.sharedNotes)
