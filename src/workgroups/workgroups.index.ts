/** Workgroup routes wired to their handlers; every handler starts with the object-level guard. */
import { createRouter } from '../lib/create-app.ts'
import * as handlers from './workgroups.handlers.ts'
import * as routes from './workgroups.routes.ts'

export const workgroupsRouter = createRouter()
  .openapi(routes.listWorkgroups, handlers.listWorkgroups)
  .openapi(routes.createWorkgroup, handlers.createWorkgroup)
  .openapi(routes.getWorkgroup, handlers.getWorkgroup)
  .openapi(routes.updateWorkgroup, handlers.updateWorkgroup)
  .openapi(routes.listMembers, handlers.listMembers)
  .openapi(routes.changeRole, handlers.changeRole)
  .openapi(routes.removeMember, handlers.removeMember)
  .openapi(routes.listInvites, handlers.listInvites)
  .openapi(routes.createInvite, handlers.createInvite)
  .openapi(routes.revokeInvite, handlers.revokeInvite)
  .openapi(routes.workgroupAudit, handlers.workgroupAudit)
  .openapi(routes.acceptInvite, handlers.acceptInvite)
