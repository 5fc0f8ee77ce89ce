/** Live session routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './live.handlers.ts'
import * as routes from './live.routes.ts'

export const liveRouter = createRouter()
  .openapi(routes.startSession, handlers.startSession)
  .openapi(routes.getSession, handlers.getSession)
  .openapi(routes.revealQuestion, handlers.revealQuestion)
  .openapi(routes.moveTo, handlers.moveTo)
  .openapi(routes.typeCounts, handlers.typeCounts)
  .openapi(routes.endSession, handlers.endSession)
  .openapi(routes.teacherSocket, handlers.teacherSocket)
  .openapi(routes.joinQr, handlers.joinQr)
  .openapi(routes.pupilState, handlers.pupilState)
  .openapi(routes.joinSession, handlers.joinSession)
  .openapi(routes.castVote, handlers.castVote)
  .openapi(routes.pupilSocket, handlers.pupilSocket)
