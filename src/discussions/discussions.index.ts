/**
 * Discussion routes wired to their handlers. Every handler first finds the thread through
 * `visibleThread`, so a workgroup's thread is a 404 to everyone outside it, whatever the route.
 */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './discussions.handlers.ts'
import * as routes from './discussions.routes.ts'

export const discussionsRouter = createRouter()
  .openapi(routes.listThreads, handlers.listThreads)
  .openapi(routes.createThread, handlers.createThread)
  .openapi(routes.getThread, handlers.getThread)
  .openapi(routes.listPosts, handlers.listPosts)
  .openapi(routes.createPost, handlers.createPost)
  .openapi(routes.setAcceptedAnswer, handlers.setAcceptedAnswer)
  .openapi(routes.moderateThread, handlers.moderateThread)
  .openapi(routes.editPost, handlers.editPost)
  .openapi(routes.deletePost, handlers.deletePost)
  .openapi(routes.listRevisions, handlers.listRevisions)
  .openapi(routes.endorsePost, handlers.endorsePost)
  .openapi(routes.unendorsePost, handlers.unendorsePost)
  .openapi(routes.flagPost, handlers.flagPost)
  .openapi(routes.moderatePost, handlers.moderatePost)
  .openapi(routes.moderationQueue, handlers.moderationQueue)
  .openapi(routes.workgroupFeed, handlers.workgroupFeed)
  .openapi(routes.participatingFeed, handlers.participatingFeed)
