/** Account routes wired to their handlers. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './accounts.handlers.ts'
import * as routes from './accounts.routes.ts'
import * as myDataHandlers from './my-data.handlers.ts'
import * as myData from './my-data.routes.ts'
import * as recoveryHandlers from './recovery.handlers.ts'
import * as recovery from './recovery.routes.ts'

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
  .openapi(recovery.signupConfirm, recoveryHandlers.signupConfirm)
  .openapi(recovery.passwordReset, recoveryHandlers.passwordReset)
  .openapi(recovery.passwordResetConfirm, recoveryHandlers.passwordResetConfirm)
  .openapi(recovery.changePassword, recoveryHandlers.changePassword)
  .openapi(recovery.changeEmail, recoveryHandlers.changeEmail)
  .openapi(recovery.emailChangeConfirm, recoveryHandlers.emailChangeConfirm)
  .openapi(myData.exportMe, myDataHandlers.exportMe)
  .openapi(myData.deleteMe, myDataHandlers.deleteMe)
