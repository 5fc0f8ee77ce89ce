/**
 * Who may call each route, in one table. Deny by default: a route missing from this table
 * answers 403 to everyone, and a test fails until it is added. Object-level rules (member of
 * this workgroup, lead, curator of this hub) are checked by the domain's own guards, which
 * answer 404 to non-members of a private workgroup so its existence is not revealed.
 */
import type { MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from './context.ts'
import { ApiError } from './errors.ts'

/**
 * - public: anyone, signed in or not
 * - signedIn: any signed-in teacher (object checks may narrow it further)
 * - siteAdmin: site administrators only
 */
export type Access = 'public' | 'signedIn' | 'siteAdmin'

export const ACCESS: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/items': 'public',
  'GET /api/items/:id': 'public',
  'GET /api/items/:id/similar': 'public',
  'GET /api/misconceptions': 'public',
  'GET /api/misconceptions/:slug': 'public',
  'GET /api/topics': 'public',
  'GET /api/search': 'public',
  'GET /api/media/:key': 'public', // images items show

  'POST /api/auth/signup': 'public',
  'POST /api/auth/signup/confirm': 'public', // the emailed token is the proof
  'POST /api/auth/signin': 'public',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public', // the emailed token is the proof
  'POST /api/auth/email-change/confirm': 'public', // the token sent to the new address
  'PUT /api/me/password': 'signedIn',
  'POST /api/me/email': 'signedIn',
  'POST /api/auth/signout': 'signedIn',
  'GET /api/me': 'signedIn',
  'PATCH /api/me': 'signedIn',
  'DELETE /api/me': 'signedIn', // with the password
  'GET /api/me/export': 'signedIn',
  'GET /api/me/sessions': 'signedIn',
  'DELETE /api/me/sessions': 'signedIn',
  'GET /api/me/tokens': 'signedIn',
  'POST /api/me/tokens': 'signedIn',
  'DELETE /api/me/tokens/:tokenId': 'signedIn',
  'GET /api/users/:userId': 'public',

  'GET /api/workgroups': 'signedIn',
  'POST /api/workgroups': 'signedIn',
  'GET /api/workgroups/:workgroupId': 'signedIn', // member
  'PATCH /api/workgroups/:workgroupId': 'signedIn', // lead
  'GET /api/workgroups/:workgroupId/members': 'signedIn', // member
  'PATCH /api/workgroups/:workgroupId/members/:userId': 'signedIn', // lead
  'DELETE /api/workgroups/:workgroupId/members/:userId': 'signedIn', // lead, or the member leaving
  'GET /api/workgroups/:workgroupId/invites': 'signedIn', // lead
  'POST /api/workgroups/:workgroupId/invites': 'signedIn', // lead
  'DELETE /api/workgroups/:workgroupId/invites/:inviteId': 'signedIn', // lead
  'GET /api/workgroups/:workgroupId/audit': 'signedIn', // lead
  'POST /api/invites/accept': 'signedIn',

  'GET /api/hubs': 'public',
  'POST /api/hubs': 'siteAdmin',
  'GET /api/hubs/:hubSlug': 'public',
  'PATCH /api/hubs/:hubSlug': 'signedIn', // curator or site admin
  'PUT /api/hubs/:hubSlug/curators/:userId': 'siteAdmin',
  'DELETE /api/hubs/:hubSlug/curators/:userId': 'siteAdmin',
  'GET /api/hubs/:hubSlug/audit': 'signedIn', // curator or site admin
  'GET /api/admin/audit': 'siteAdmin',
  // Item sets: hub sets managed by curators, workgroup sets by members; published versions public.
  'POST /api/sets': 'signedIn', // curator of the owning hub, or member of the owning workgroup
  'GET /api/sets/:setId': 'signedIn', // those who manage it
  'PUT /api/sets/:setId': 'signedIn', // those who manage it
  'POST /api/sets/:setId/versions': 'signedIn', // hub curators
  'GET /api/sets/:setId/versions': 'public',
  'GET /api/sets/:setId/versions/:version': 'public',
  'POST /api/sets/:setId/versions/:version/withdraw': 'signedIn', // hub curators
  'GET /api/sets/:setId/versions/:version/export': 'public',
  'GET /api/items/:id/export': 'public',
  'GET /api/hubs/:hubSlug/sets': 'public',
  'POST /api/hubs/:hubSlug/import': 'signedIn', // hub curators, site admins

  // Authoring: hub curators (and site admins) only
  'POST /api/hubs/:hubSlug/items': 'signedIn',
  'PUT /api/hubs/:hubSlug/items/:id': 'signedIn',
  'POST /api/hubs/:hubSlug/items/:id/submit': 'signedIn',
  'POST /api/hubs/:hubSlug/items/:id/publish': 'signedIn',
  'GET /api/hubs/:hubSlug/items/:id/revisions': 'signedIn',
  'GET /api/hubs/:hubSlug/items/:id/review': 'signedIn',
  'POST /api/hubs/:hubSlug/misconceptions': 'signedIn',
  'PUT /api/hubs/:hubSlug/misconceptions/:slug': 'signedIn',

  // Discussions: workgroup threads answer 404 to non-members on every route (public reads too).
  'GET /api/threads': 'public',
  'POST /api/threads': 'signedIn', // workgroup threads: member
  'GET /api/threads/:threadId': 'public',
  'GET /api/threads/:threadId/posts': 'public',
  'POST /api/threads/:threadId/posts': 'signedIn',
  'PUT /api/threads/:threadId/accepted-answer': 'signedIn', // the thread's author
  'POST /api/threads/:threadId/moderation': 'signedIn', // moderator
  'PATCH /api/posts/:postId': 'signedIn', // author
  'DELETE /api/posts/:postId': 'signedIn', // author
  'GET /api/posts/:postId/revisions': 'public',
  'PUT /api/posts/:postId/endorsement': 'signedIn',
  'DELETE /api/posts/:postId/endorsement': 'signedIn',
  'POST /api/posts/:postId/flags': 'signedIn',
  'POST /api/posts/:postId/moderation': 'signedIn', // moderator
  'GET /api/moderation/queue': 'signedIn', // curator or site admin; ?workgroupId=: its leads
  'GET /api/feeds/workgroups': 'signedIn',
  'GET /api/feeds/participating': 'signedIn',

  // Annotations and workgroup notes.
  'GET /api/workgroups/:workgroupId/annotations': 'signedIn', // member
  'POST /api/workgroups/:workgroupId/annotations': 'signedIn', // member
  'GET /api/annotations': 'signedIn', // curator or site admin: proposals to review
  'GET /api/annotations/:annotationId': 'signedIn', // member, curator or site admin
  'PUT /api/annotations/:annotationId/response': 'signedIn', // member other than the proposer
  'POST /api/annotations/:annotationId/accept': 'signedIn', // curator of the hub, or site admin
  'POST /api/annotations/:annotationId/reject': 'signedIn', // curator of the hub, or site admin
  'GET /api/items/:id/credits': 'public',
  'GET /api/workgroups/:workgroupId/notes': 'signedIn', // member
  'POST /api/workgroups/:workgroupId/notes': 'signedIn', // member
  'PUT /api/workgroups/:workgroupId/notes/:noteId/shared': 'signedIn', // lead
  'GET /api/misconceptions/:slug/notes': 'public',

  // Class evidence: classes, live sessions and tallies are their teacher's alone (404 to others).
  'GET /api/classes': 'signedIn',
  'POST /api/classes': 'signedIn',
  'PATCH /api/classes/:classId': 'signedIn', // its teacher
  'DELETE /api/classes/:classId': 'signedIn', // its teacher
  'GET /api/classes/:classId/export': 'signedIn', // its teacher
  'POST /api/live-sessions': 'signedIn', // for one of your classes
  'GET /api/live-sessions/:sessionId': 'signedIn', // its teacher
  'POST /api/live-sessions/:sessionId/reveal': 'signedIn', // its teacher
  'PUT /api/live-sessions/:sessionId/position': 'signedIn', // its teacher
  'POST /api/live-sessions/:sessionId/counts': 'signedIn', // its teacher
  'POST /api/live-sessions/:sessionId/end': 'signedIn', // its teacher
  'GET /api/live-sessions/:sessionId/socket': 'signedIn', // its teacher
  'GET /api/live-sessions/:sessionId/qr': 'signedIn', // its teacher
  // Pupils have no accounts: anyone with the join code, voting with a per-session device token.
  'GET /api/live/:code': 'public',
  'POST /api/live/:code/join': 'public',
  'POST /api/live/:code/votes': 'public',
  'GET /api/live/:code/socket': 'public',
  'POST /api/tallies': 'signedIn', // for one of your classes
  'GET /api/tallies': 'signedIn',
  'DELETE /api/tallies/:tallyId': 'signedIn', // its teacher
  // Figures: bank-wide for anyone (≥5 classes from ≥3 teachers); scope=mine signed in;
  // scope=workgroup members only.
  'GET /api/items/:id/statistics': 'public',
  'GET /api/misconceptions/:slug/prevalence': 'public',
  'GET /api/workgroups/:workgroupId/prevalence': 'signedIn', // member
  'POST /api/workgroups/:workgroupId/enquiries': 'signedIn', // lead
  'GET /api/workgroups/:workgroupId/enquiries': 'signedIn', // member
  'GET /api/enquiries/:enquiryId': 'public', // members; anyone once the lead shares it
  'PUT /api/enquiries/:enquiryId/classes/:classId': 'signedIn', // the class's teacher, or a lead
  'DELETE /api/enquiries/:enquiryId/classes/:classId': 'signedIn', // the class's teacher, or a lead
  'POST /api/enquiries/:enquiryId/close': 'signedIn', // lead
  'GET /api/enquiries/:enquiryId/export': 'public', // members; anyone once shared

  // A teacher's list for a lesson: always the caller's own, so there is nobody else's to reach.
  'GET /api/me/list': 'signedIn',
  'PUT /api/me/list': 'signedIn',
  'PUT /api/me/list/items/:itemId': 'signedIn',
  'DELETE /api/me/list/items/:itemId': 'signedIn',
}

/** The access-table key of the route handling this request, if any. */
export function routeKey(method: string, path: string) {
  return `${method === 'HEAD' ? 'GET' : method} ${path}`
}

export const enforceAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  const handler = matchedRoutes(c).find((r) => r.method !== 'ALL')
  if (!handler) return next() // no route: the 404/405 handler answers
  const access = ACCESS[routeKey(handler.method, handler.path)]
  const user = c.get('user')
  if (access === undefined)
    throw new ApiError(403, 'This route has no access rule, so nobody may call it')
  if (access !== 'public' && !user) throw new ApiError(401, 'Sign in first')
  if (access === 'siteAdmin' && !user?.isSiteAdmin)
    throw new ApiError(403, 'Only site administrators may do this')
  return next()
}
