/** Handlers for the email and password routes in recovery.routes.ts; the rules are in account-flows.ts. */
import { currentUser, type AppRouteHandler } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import * as flows from './account-flows.ts'
import { getOwnProfile } from './accounts.queries.ts'
import type * as routes from './recovery.routes.ts'

export const signupConfirm: AppRouteHandler<typeof routes.signupConfirm> = async (c) => {
  const userId = await flows.finishSignup(c, c.req.valid('json').token)
  const user = await getOwnProfile(getDb(c.env.DB), userId)
  return c.json({ user: user! }, 201)
}

export const passwordReset: AppRouteHandler<typeof routes.passwordReset> = async (c) => {
  const { email } = c.req.valid('json')
  await flows.requestPasswordReset(c, email)
  return c.json({ detail: flows.checkEmailMessage(email) }, 202)
}

export const passwordResetConfirm: AppRouteHandler<typeof routes.passwordResetConfirm> = async (
  c,
) => {
  const { token, password } = c.req.valid('json')
  await flows.completePasswordReset(c, token, password)
  return c.body(null, 204)
}

export const changePassword: AppRouteHandler<typeof routes.changePassword> = async (c) => {
  await flows.changePassword(c, currentUser(c), c.req.valid('json'))
  return c.body(null, 204)
}

export const changeEmail: AppRouteHandler<typeof routes.changeEmail> = async (c) => {
  const input = c.req.valid('json')
  await flows.requestEmailChange(c, currentUser(c).id, input)
  return c.json({ detail: flows.checkEmailMessage(input.email) }, 202)
}

export const emailChangeConfirm: AppRouteHandler<typeof routes.emailChangeConfirm> = async (c) => {
  await flows.confirmEmailChange(c, c.req.valid('json').token)
  return c.body(null, 204)
}
