/** A teacher's data rights (UK GDPR): export everything the account holds, delete the account. */
import { createRoute, z } from '@hono/zod-openapi'
import { problem } from '../lib/errors.ts'
import {
  jsonBody as json,
  jsonResponse as ok,
  signedInErrors as authErrors,
} from '../lib/openapi.ts'

export const DeleteAccountInput = z.strictObject({
  password: z.string().max(200).openapi({ description: 'Your password, to confirm' }),
})

// Rows as stored, so the export is described loosely: each key names what it holds.
const rows = z.array(z.record(z.string(), z.unknown()))

export const AccountExport = z
  .object({
    exportedAt: z.string(),
    profile: z.record(z.string(), z.unknown()).nullable(),
    sessions: rows,
    apiTokens: rows,
    threadsStarted: rows,
    posts: rows.openapi({ description: 'With each post’s revisions' }),
    endorsements: rows,
    flags: rows,
    annotations: rows,
    annotationResponses: rows,
    notes: rows,
    memberships: rows,
    curatorships: rows,
    sets: rows.openapi({ description: 'Sets you made, with their entries' }),
    authoredItemRevisions: rows,
    classes: rows,
    liveSessions: rows,
    tallies: rows.openapi({ description: 'With the count for each option' }),
    enquiries: rows.openapi({ description: 'Enquiries you opened, with focus and items' }),
    enquiryClasses: rows,
  })
  .openapi('AccountExport')

export const exportMe = createRoute({
  method: 'get',
  path: '/api/me/export',
  tags: ['Accounts'],
  summary: 'Everything your account holds, as JSON (a download)',
  responses: { 200: ok('Your data', AccountExport), ...authErrors },
})

export const deleteMe = createRoute({
  method: 'delete',
  path: '/api/me',
  tags: ['Accounts'],
  summary: 'Delete your account (see the README for what happens to what you wrote)',
  request: { body: json(DeleteAccountInput) },
  responses: {
    204: { description: 'Deleted; signed out' },
    429: problem('Too many password attempts; see Retry-After'),
    ...authErrors,
  },
})
