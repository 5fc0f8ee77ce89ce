/** Account routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './accounts.handlers.ts'
import * as routes from './accounts.routes.ts'

export const accountsRouter = createRouter()
  .openapi(routes.signup, handlers.signup)
  .openapi(routes.signin, handlers.signin)
  .openapi(routes.signout, handlers.signout)
  .openapi(routes.me, handlers.me)
  .openapi(routes.updateMe, handlers.updateMe)
  .openapi(routes.listSessions, handlers.listSessions)
  .openapi(routes.endOtherSessions, handlers.endOtherSessions)
  .openapi(routes.listTokens, handlers.listTokens)
  .openapi(routes.createToken, handlers.createToken)
  .openapi(routes.revokeToken, handlers.revokeToken)
  .openapi(routes.getUser, handlers.getUser)
