/**
 * The authorization matrix: every route × every kind of caller, with the status each must get.
 * A second test fails when a route exists that this table (or the access table) does not cover.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ACCESS } from '../../src/lib/access.ts'
import { getDb } from '../../src/lib/db.ts'
import app from '../../src/index.ts'
import { addCurator, createHub } from '../../src/hubs/hubs.queries.ts'
import { createInvite } from '../../src/workgroups/invites.queries.ts'
import { draftItem, teachers, workgroup } from './fixtures.ts'
import { postJson, send, type TestUser } from './helpers.ts'
import { tokenSentTo } from './outbox.ts'

const roles = ['anonymous', 'teacher', 'member', 'lead', 'curator', 'admin'] as const
type Role = (typeof roles)[number]

/** Fresh objects for one case, so destructive routes never disturb another case. */
interface Fixture {
  users: Record<Exclude<Role, 'anonymous'>, TestUser>
  workgroupId: string
  inviteId: string
  inviteCode: string
  hubSlug: string
  /** Someone outside everything, whom cases promote or make a curator. */
  bystander: TestUser
  tokenId: (role: Role) => Promise<string>
}

const ITEM = 'perimeter-of-a-3-by-5-rectangle'
const SLUG = 'confuses-perimeter-and-area'

/** A hub set made by the fixture hub's curator, with version 1 published. */
async function hubSet(f: Fixture) {
  const res = await send(f.users.curator, 'POST', '/api/sets', {
    owner: { type: 'hub', id: f.hubSlug },
    title: 'Matrix set',
    entries: [{ itemId: ITEM }],
  })
  const { id } = (await res.json()) as { id: string }
  await send(f.users.curator, 'POST', `/api/sets/${id}/versions`)
  return id
}

/** An item the fixture hub's curator has drafted (and, if asked, sent for review). */
async function authored(f: Fixture, submit = false) {
  const id = `matrix-${unique()}`
  await send(f.users.curator, 'POST', `/api/hubs/${f.hubSlug}/items`, draftItem(id))
  if (submit) await send(f.users.curator, 'POST', `/api/hubs/${f.hubSlug}/items/${id}/submit`)
  return id
}

const IMPORT_CSV = {
  format: 'diagnostic-csv',
  questions:
    'QuestionId,ConstructName,SubjectName,CorrectAnswer,QuestionText,AnswerAText,AnswerBText,AnswerCText,AnswerDText,MisconceptionAId,MisconceptionBId,MisconceptionCId,MisconceptionDId\n7001,Find a perimeter,Perimeter,A,What is the perimeter of a 2 by 3 rectangle?,10,6,5,12,,1,,',
  misconceptions: 'MisconceptionId,MisconceptionName\n1,Gives the area for the perimeter',
}

/** A thread started by the member (public, or in the fixture's workgroup), and its first post. */
async function thread(f: Fixture, where: 'public' | 'workgroup', kind = 'idea') {
  const res = await send(f.users.member, 'POST', '/api/threads', {
    targetKind: 'item',
    targetId: ITEM,
    ...(where === 'workgroup' ? { workgroupId: f.workgroupId } : {}),
    title: 'Matrix thread',
    post: { kind, body: 'What we saw' },
  })
  const body = (await res.json()) as { id: string; firstPost: { id: string } }
  return { threadId: body.id, postId: body.firstPost.id }
}

/** A proposal by the lead, of a link the bank already has (accepting it changes nothing). */
async function annotation(f: Fixture) {
  const res = await send(f.users.lead, 'POST', `/api/workgroups/${f.workgroupId}/annotations`, {
    itemId: ITEM,
    label: 'B',
    misconceptionSlug: SLUG,
    evidence: 'Half of 4B chose it',
  })
  return ((await res.json()) as { id: string }).id
}

async function note(f: Fixture) {
  const res = await send(f.users.member, 'POST', `/api/workgroups/${f.workgroupId}/notes`, {
    misconceptionSlug: SLUG,
    body: 'What worked',
  })
  return ((await res.json()) as { id: string }).id
}

/** A class kept by the member, and (if asked) a live session for it. */
async function memberClass(f: Fixture) {
  const res = await send(f.users.member, 'POST', '/api/classes', { label: '8X2', year: 8 })
  return ((await res.json()) as { id: string }).id
}

async function memberSession(f: Fixture) {
  const res = await send(f.users.member, 'POST', '/api/live-sessions', {
    classId: await memberClass(f),
    itemIds: [ITEM],
  })
  return (await res.json()) as { id: string; code: string }
}

/** A device that joined the member's session: its code and anonymous token. */
async function joinedDevice(f: Fixture) {
  const { code } = await memberSession(f)
  const res = await send(null, 'POST', `/api/live/${code}/join`)
  return { code, token: ((await res.json()) as { token: string }).token }
}

async function memberTally(f: Fixture) {
  const res = await send(f.users.member, 'POST', '/api/tallies', {
    classId: await memberClass(f),
    itemId: ITEM,
    counts: { A: 3 },
  })
  return ((await res.json()) as { id: string }).id
}

/** An enquiry the lead opened in the fixture's workgroup (shared publicly if asked). */
async function enquiry(f: Fixture, shared = false) {
  const res = await send(f.users.lead, 'POST', `/api/workgroups/${f.workgroupId}/enquiries`, {
    question: 'Does tracing every side help Year 5?',
    misconceptions: [SLUG],
    pre: { itemIds: [ITEM] },
    post: { itemIds: [ITEM] },
    preFrom: '2026-09-01',
    preTo: '2026-09-30',
    postFrom: '2026-11-01',
    postTo: '2026-11-30',
  })
  const { id } = (await res.json()) as { id: string }
  if (shared)
    await send(f.users.lead, 'POST', `/api/enquiries/${id}/close`, {
      summary: 'It helped, a little.',
      share: true,
    })
  return id
}

type Case = [
  route: string,
  request: (
    f: Fixture,
    role: Role,
  ) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown },
  expected: number[],
]

const all = (status: number) => [status, status, status, status, status, status]
const signedIn = (status: number) => [401, status, status, status, status, status]
//                                    anon teacher member lead curator admin
const memberOnly = (status: number) => [401, 404, status, status, 404, 404]
const leadOnly = (status: number) => [401, 404, 403, status, 404, 404]
const curatorOnly = (status: number) => [401, 403, 403, 403, status, status]
const adminOnly = (status: number) => [401, 403, 403, 403, 403, status]
// A workgroup's threads: 404 to everyone outside it, even for routes anyone may call.
const membersSee = (status: number) => [404, 404, status, status, 404, 404]
const authorOnly = (status: number) => [401, 403, status, 403, 403, 403] // the member wrote it
// Classes, sessions and tallies are their teacher's alone (here the member's): 404 to all others.
const ownerOnly = (status: number) => [401, 404, status, 404, 404, 404]

let counter = 0
const unique = () => `${Date.now().toString(36)}-${counter++}`

const MATRIX: Case[] = [
  ['GET /api/health', () => ({ path: '/api/health' }), all(200)],
  ['GET /api/openapi.json', () => ({ path: '/api/openapi.json' }), all(200)],
  ['GET /api/docs', () => ({ path: '/api/docs' }), all(200)],
  ['GET /api/items', () => ({ path: '/api/items' }), all(200)],
  ['GET /api/items/:id', () => ({ path: '/api/items/perimeter-of-a-3-by-5-rectangle' }), all(200)],
  [
    'GET /api/items/:id/similar',
    () => ({ path: '/api/items/perimeter-of-a-3-by-5-rectangle/similar' }),
    all(200),
  ],
  ['GET /api/misconceptions', () => ({ path: '/api/misconceptions' }), all(200)],
  [
    'GET /api/misconceptions/:slug',
    () => ({ path: '/api/misconceptions/confuses-perimeter-and-area' }),
    all(200),
  ],
  ['GET /api/topics', () => ({ path: '/api/topics' }), all(200)],
  ['GET /api/search', () => ({ path: '/api/search?q=area' }), all(200)],

  [
    'POST /api/auth/signup',
    () => ({
      path: '/api/auth/signup',
      body: {
        email: `new-${unique()}@school.test`,
        password: 'a long enough password',
        displayName: 'New',
      },
    }),
    all(202),
  ],
  [
    'POST /api/auth/signup/confirm',
    async () => {
      const email = `new-${unique()}@school.test`
      await postJson('/api/auth/signup', {
        email,
        password: 'a long enough password',
        displayName: 'New',
      })
      return {
        path: '/api/auth/signup/confirm',
        body: { token: tokenSentTo(email, '/signup/confirm') },
      }
    },
    all(201),
  ],
  [
    'POST /api/auth/password-reset',
    (f) => ({ path: '/api/auth/password-reset', body: { email: f.bystander.email } }),
    all(202),
  ],
  [
    'POST /api/auth/password-reset/confirm',
    async (f) => {
      await postJson('/api/auth/password-reset', { email: f.bystander.email })
      return {
        path: '/api/auth/password-reset/confirm',
        body: {
          token: tokenSentTo(f.bystander.email, '/password-reset/confirm'),
          password: 'a brand new long passphrase',
        },
      }
    },
    all(204),
  ],
  [
    'POST /api/auth/email-change/confirm',
    async (f) => {
      const email = `moved-${unique()}@school.test`
      await send(f.bystander, 'POST', '/api/me/email', { email, password: f.bystander.password })
      return {
        path: '/api/auth/email-change/confirm',
        body: { token: tokenSentTo(email, '/account/email/confirm') },
      }
    },
    all(204),
  ],
  [
    'PUT /api/me/password',
    (f, role) => ({
      path: '/api/me/password',
      body: {
        currentPassword: f.users.teacher.password,
        newPassword: `a brand new long passphrase ${role}`,
      },
    }),
    signedIn(204),
  ],
  [
    'POST /api/me/email',
    (f) => ({
      path: '/api/me/email',
      body: { email: `moved-${unique()}@school.test`, password: f.users.teacher.password },
    }),
    signedIn(202),
  ],
  ['GET /api/me/export', () => ({ path: '/api/me/export' }), signedIn(200)],
  [
    'DELETE /api/me',
    (f) => ({ path: '/api/me', body: { password: f.users.teacher.password } }),
    signedIn(204),
  ],
  [
    'POST /api/auth/signin',
    (f) => ({
      path: '/api/auth/signin',
      body: { email: f.users.teacher.email, password: f.users.teacher.password },
    }),
    all(200),
  ],
  ['POST /api/auth/signout', () => ({ path: '/api/auth/signout' }), signedIn(204)],
  ['GET /api/me', () => ({ path: '/api/me' }), signedIn(200)],
  ['PATCH /api/me', () => ({ path: '/api/me', body: { school: 'Hilltop' } }), signedIn(200)],
  ['GET /api/me/sessions', () => ({ path: '/api/me/sessions' }), signedIn(200)],
  ['DELETE /api/me/sessions', () => ({ path: '/api/me/sessions' }), signedIn(200)],
  ['GET /api/me/tokens', () => ({ path: '/api/me/tokens' }), signedIn(200)],
  [
    'POST /api/me/tokens',
    () => ({ path: '/api/me/tokens', body: { name: 'script' } }),
    signedIn(201),
  ],
  [
    'DELETE /api/me/tokens/:tokenId',
    async (f, role) => ({ path: `/api/me/tokens/${await f.tokenId(role)}` }),
    signedIn(204),
  ],
  ['GET /api/users/:userId', (f) => ({ path: `/api/users/${f.users.lead.id}` }), all(200)],

  ['GET /api/workgroups', () => ({ path: '/api/workgroups' }), signedIn(200)],
  [
    'POST /api/workgroups',
    () => ({ path: '/api/workgroups', body: { name: 'Y5 fractions work group' } }),
    signedIn(201),
  ],
  [
    'GET /api/workgroups/:workgroupId',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}` }),
    memberOnly(200),
  ],
  [
    'PATCH /api/workgroups/:workgroupId',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}`, body: { description: 'Renamed' } }),
    leadOnly(200),
  ],
  [
    'GET /api/workgroups/:workgroupId/members',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/members` }),
    memberOnly(200),
  ],
  [
    'PATCH /api/workgroups/:workgroupId/members/:userId',
    async (f) => {
      const invite = await send(
        f.users.lead,
        'POST',
        `/api/workgroups/${f.workgroupId}/invites`,
        {},
      )
      const { code } = (await invite.json()) as { code: string }
      await send(f.bystander, 'POST', '/api/invites/accept', { code })
      return {
        path: `/api/workgroups/${f.workgroupId}/members/${f.bystander.id}`,
        body: { role: 'lead' },
      }
    },
    leadOnly(204),
  ],
  // A member may remove themselves (leave); only a lead may remove anyone else.
  [
    'DELETE /api/workgroups/:workgroupId/members/:userId',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/members/${f.users.member.id}` }),
    memberOnly(204),
  ],
  [
    'GET /api/workgroups/:workgroupId/invites',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/invites` }),
    leadOnly(200),
  ],
  [
    'POST /api/workgroups/:workgroupId/invites',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/invites`, body: {} }),
    leadOnly(201),
  ],
  [
    'DELETE /api/workgroups/:workgroupId/invites/:inviteId',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/invites/${f.inviteId}` }),
    leadOnly(204),
  ],
  [
    'GET /api/workgroups/:workgroupId/audit',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/audit` }),
    leadOnly(200),
  ],
  [
    'POST /api/invites/accept',
    (f) => ({ path: '/api/invites/accept', body: { code: f.inviteCode } }),
    signedIn(200),
  ],

  ['GET /api/hubs', () => ({ path: '/api/hubs' }), all(200)],
  [
    'POST /api/hubs',
    () => ({ path: '/api/hubs', body: { slug: `hub-${unique()}`, name: 'East Maths Hub' } }),
    adminOnly(201),
  ],
  ['GET /api/hubs/:hubSlug', (f) => ({ path: `/api/hubs/${f.hubSlug}` }), all(200)],
  [
    'PATCH /api/hubs/:hubSlug',
    (f) => ({ path: `/api/hubs/${f.hubSlug}`, body: { description: 'Vetted sets' } }),
    curatorOnly(200),
  ],
  [
    'PUT /api/hubs/:hubSlug/curators/:userId',
    (f) => ({ path: `/api/hubs/${f.hubSlug}/curators/${f.bystander.id}` }),
    adminOnly(204),
  ],
  [
    'DELETE /api/hubs/:hubSlug/curators/:userId',
    (f) => ({ path: `/api/hubs/${f.hubSlug}/curators/${f.users.curator.id}` }),
    adminOnly(204),
  ],
  [
    'GET /api/hubs/:hubSlug/audit',
    (f) => ({ path: `/api/hubs/${f.hubSlug}/audit` }),
    curatorOnly(200),
  ],
  ['GET /api/admin/audit', () => ({ path: '/api/admin/audit' }), adminOnly(200)],

  // Item sets, exports and imports
  [
    'POST /api/sets',
    (f) => ({
      path: '/api/sets',
      body: {
        owner: { type: 'hub', id: f.hubSlug },
        title: 'Perimeter starters',
        entries: [{ itemId: ITEM }],
      },
    }),
    curatorOnly(201),
  ],
  [
    'GET /api/sets/:setId',
    async (f) => ({ path: `/api/sets/${await hubSet(f)}` }),
    curatorOnly(200),
  ],
  [
    'PUT /api/sets/:setId',
    async (f) => ({
      path: `/api/sets/${await hubSet(f)}`,
      body: { title: 'Renamed set', entries: [{ itemId: ITEM, note: 'Start here' }] },
    }),
    curatorOnly(200),
  ],
  [
    'POST /api/sets/:setId/versions',
    async (f) => ({ path: `/api/sets/${await hubSet(f)}/versions` }),
    curatorOnly(201),
  ],
  [
    'GET /api/sets/:setId/versions',
    async (f) => ({ path: `/api/sets/${await hubSet(f)}/versions` }),
    all(200),
  ],
  [
    'GET /api/sets/:setId/versions/:version',
    async (f) => ({ path: `/api/sets/${await hubSet(f)}/versions/1` }),
    all(200),
  ],
  [
    'POST /api/sets/:setId/versions/:version/withdraw',
    async (f) => ({
      path: `/api/sets/${await hubSet(f)}/versions/1/withdraw`,
      body: { reason: 'Superseded' },
    }),
    curatorOnly(204),
  ],
  [
    'GET /api/sets/:setId/versions/:version/export',
    async (f) => ({ path: `/api/sets/${await hubSet(f)}/versions/1/export?format=json` }),
    all(200),
  ],
  [
    'GET /api/items/:id/export',
    () => ({ path: `/api/items/${ITEM}/export?format=gift` }),
    all(200),
  ],
  ['GET /api/hubs/:hubSlug/sets', (f) => ({ path: `/api/hubs/${f.hubSlug}/sets` }), all(200)],
  // Images are public like the items that show them; this key was never stored.
  ['GET /api/media/:key', () => ({ path: `/api/media/${'0'.repeat(32)}.png` }), all(404)],
  [
    'POST /api/hubs/:hubSlug/items',
    (f) => ({ path: `/api/hubs/${f.hubSlug}/items`, body: draftItem(`matrix-${unique()}`) }),
    curatorOnly(201),
  ],
  [
    'PUT /api/hubs/:hubSlug/items/:id',
    async (f) => {
      const id = await authored(f)
      return {
        path: `/api/hubs/${f.hubSlug}/items/${id}`,
        body: { ...draftItem(id), construct: 'Calculate the perimeter of a square, edited' },
      }
    },
    curatorOnly(200),
  ],
  [
    'POST /api/hubs/:hubSlug/items/:id/submit',
    async (f) => ({ path: `/api/hubs/${f.hubSlug}/items/${await authored(f)}/submit` }),
    curatorOnly(200),
  ],
  // The author may not publish what they wrote: a second curator (here the admin) reviews it.
  [
    'POST /api/hubs/:hubSlug/items/:id/publish',
    async (f) => ({ path: `/api/hubs/${f.hubSlug}/items/${await authored(f, true)}/publish` }),
    adminOnly(200),
  ],
  [
    'GET /api/hubs/:hubSlug/items/:id/revisions',
    async (f) => ({ path: `/api/hubs/${f.hubSlug}/items/${await authored(f)}/revisions` }),
    curatorOnly(200),
  ],
  [
    'GET /api/hubs/:hubSlug/items/:id/review',
    async (f) => ({ path: `/api/hubs/${f.hubSlug}/items/${await authored(f)}/review` }),
    curatorOnly(200),
  ],
  [
    'POST /api/hubs/:hubSlug/misconceptions',
    (f) => ({
      path: `/api/hubs/${f.hubSlug}/misconceptions`,
      body: {
        slug: `matrix-${unique()}`,
        title: 'Matrix misconception',
        topic: 'perimeter',
        description: 'What it is.',
        whyItArises: 'Why.',
        howToAddress: 'How.',
      },
    }),
    curatorOnly(201),
  ],
  [
    'PUT /api/hubs/:hubSlug/misconceptions/:slug',
    (f) => ({
      path: `/api/hubs/${f.hubSlug}/misconceptions/adds-one-length-and-one-width`,
      body: {
        slug: 'adds-one-length-and-one-width',
        title: 'Adds one length and one width for the perimeter',
        topic: 'perimeter',
        description: 'Adds only the two labelled sides.',
        whyItArises: 'Only two sides are labelled.',
        howToAddress: 'Trace all four sides.',
      },
    }),
    curatorOnly(200),
  ],
  [
    'POST /api/hubs/:hubSlug/import',
    (f) => ({ path: `/api/hubs/${f.hubSlug}/import`, body: { source: IMPORT_CSV, dryRun: true } }),
    curatorOnly(200),
  ],

  // Discussions (threads and posts are the member's unless said otherwise).
  ['GET /api/threads', () => ({ path: `/api/threads?targetKind=item&targetId=${ITEM}` }), all(200)],
  [
    'POST /api/threads',
    () => ({
      path: '/api/threads',
      body: {
        targetKind: 'misconception',
        targetId: SLUG,
        title: 'A public thread',
        post: { kind: 'question', body: 'Why?' },
      },
    }),
    signedIn(201),
  ],
  [
    'POST /api/threads',
    (f) => ({
      path: '/api/threads',
      body: {
        targetKind: 'item',
        targetId: ITEM,
        workgroupId: f.workgroupId,
        title: 'A workgroup thread',
        post: { kind: 'idea', body: 'Try this' },
      },
    }),
    memberOnly(201),
  ],
  [
    'GET /api/threads/:threadId',
    async (f) => ({ path: `/api/threads/${(await thread(f, 'public')).threadId}` }),
    all(200),
  ],
  [
    'GET /api/threads/:threadId',
    async (f) => ({ path: `/api/threads/${(await thread(f, 'workgroup')).threadId}` }),
    membersSee(200),
  ],
  [
    'GET /api/threads/:threadId/posts',
    async (f) => ({ path: `/api/threads/${(await thread(f, 'workgroup')).threadId}/posts` }),
    membersSee(200),
  ],
  [
    'POST /api/threads/:threadId/posts',
    async (f) => ({
      path: `/api/threads/${(await thread(f, 'public')).threadId}/posts`,
      body: { kind: 'challenge', body: 'Are you sure?' },
    }),
    signedIn(201),
  ],
  [
    'POST /api/threads/:threadId/posts',
    async (f) => ({
      path: `/api/threads/${(await thread(f, 'workgroup')).threadId}/posts`,
      body: {
        kind: 'evidence',
        body: '12 of 30',
        evidence: { pupilsAsked: 30, counts: { B: 12 } },
      },
    }),
    memberOnly(201),
  ],
  [
    'PUT /api/threads/:threadId/accepted-answer',
    async (f) => {
      const { threadId } = await thread(f, 'public', 'question')
      const answer = await send(f.users.lead, 'POST', `/api/threads/${threadId}/posts`, {
        kind: 'idea',
        body: 'Because',
      })
      const { id } = (await answer.json()) as { id: string }
      return { path: `/api/threads/${threadId}/accepted-answer`, body: { postId: id } }
    },
    authorOnly(200),
  ],
  [
    'POST /api/threads/:threadId/moderation',
    async (f) => ({
      path: `/api/threads/${(await thread(f, 'public')).threadId}/moderation`,
      body: { action: 'lock', reason: 'Going in circles' },
    }),
    curatorOnly(200),
  ],
  // A workgroup's own threads are moderated by its leads.
  [
    'POST /api/threads/:threadId/moderation',
    async (f) => ({
      path: `/api/threads/${(await thread(f, 'workgroup')).threadId}/moderation`,
      body: { action: 'lock', reason: 'Going in circles' },
    }),
    leadOnly(200),
  ],
  [
    'PATCH /api/posts/:postId',
    async (f) => ({
      path: `/api/posts/${(await thread(f, 'public')).postId}`,
      body: { body: 'Edited' },
    }),
    authorOnly(200),
  ],
  [
    'DELETE /api/posts/:postId',
    async (f) => ({ path: `/api/posts/${(await thread(f, 'public')).postId}` }),
    authorOnly(204),
  ],
  [
    'GET /api/posts/:postId/revisions',
    async (f) => ({ path: `/api/posts/${(await thread(f, 'workgroup')).postId}/revisions` }),
    membersSee(200),
  ],
  [
    'PUT /api/posts/:postId/endorsement',
    async (f) => ({ path: `/api/posts/${(await thread(f, 'public')).postId}/endorsement` }),
    signedIn(204),
  ],
  [
    'DELETE /api/posts/:postId/endorsement',
    async (f) => ({ path: `/api/posts/${(await thread(f, 'public')).postId}/endorsement` }),
    signedIn(204),
  ],
  [
    'POST /api/posts/:postId/flags',
    async (f) => ({
      path: `/api/posts/${(await thread(f, 'public')).postId}/flags`,
      body: { reason: 'Names a pupil' },
    }),
    signedIn(204),
  ],
  [
    'POST /api/posts/:postId/moderation',
    async (f) => ({
      path: `/api/posts/${(await thread(f, 'public')).postId}/moderation`,
      body: { action: 'hide', reason: 'Names a pupil' },
    }),
    curatorOnly(200),
  ],
  ['GET /api/moderation/queue', () => ({ path: '/api/moderation/queue' }), curatorOnly(200)],
  [
    'GET /api/moderation/queue',
    (f) => ({ path: `/api/moderation/queue?workgroupId=${f.workgroupId}` }),
    leadOnly(200),
  ],
  ['GET /api/feeds/workgroups', () => ({ path: '/api/feeds/workgroups' }), signedIn(200)],
  ['GET /api/feeds/participating', () => ({ path: '/api/feeds/participating' }), signedIn(200)],

  // Annotations (proposed by the lead) and notes (written by the member).
  [
    'GET /api/workgroups/:workgroupId/annotations',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/annotations` }),
    memberOnly(200),
  ],
  [
    'POST /api/workgroups/:workgroupId/annotations',
    (f) => ({
      path: `/api/workgroups/${f.workgroupId}/annotations`,
      body: { itemId: ITEM, label: 'C', misconceptionSlug: SLUG, evidence: 'Seen in 4B' },
    }),
    memberOnly(201),
  ],
  ['GET /api/annotations', () => ({ path: '/api/annotations' }), curatorOnly(200)],
  // Reviewers (curators, admins) see proposals; other outsiders get 404.
  [
    'GET /api/annotations/:annotationId',
    async (f) => ({ path: `/api/annotations/${await annotation(f)}` }),
    [401, 404, 200, 200, 200, 200],
  ],
  // Members other than the proposer (the lead) respond.
  [
    'PUT /api/annotations/:annotationId/response',
    async (f) => ({
      path: `/api/annotations/${await annotation(f)}/response`,
      body: { vote: 'endorse' },
    }),
    [401, 404, 200, 409, 404, 404],
  ],
  [
    'POST /api/annotations/:annotationId/accept',
    async (f) => ({
      path: `/api/annotations/${await annotation(f)}/accept`,
      body: { hubSlug: f.hubSlug },
    }),
    curatorOnly(200),
  ],
  [
    'POST /api/annotations/:annotationId/reject',
    async (f) => ({
      path: `/api/annotations/${await annotation(f)}/reject`,
      body: { hubSlug: f.hubSlug, reason: 'Option B is already tagged with it' },
    }),
    curatorOnly(200),
  ],
  ['GET /api/items/:id/credits', () => ({ path: `/api/items/${ITEM}/credits` }), all(200)],
  [
    'GET /api/workgroups/:workgroupId/notes',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/notes` }),
    memberOnly(200),
  ],
  [
    'POST /api/workgroups/:workgroupId/notes',
    (f) => ({
      path: `/api/workgroups/${f.workgroupId}/notes`,
      body: { misconceptionSlug: SLUG, body: 'What we saw' },
    }),
    memberOnly(201),
  ],
  [
    'PUT /api/workgroups/:workgroupId/notes/:noteId/shared',
    async (f) => ({
      path: `/api/workgroups/${f.workgroupId}/notes/${await note(f)}/shared`,
      body: { shared: true },
    }),
    leadOnly(200),
  ],
  [
    'GET /api/misconceptions/:slug/notes',
    () => ({ path: `/api/misconceptions/${SLUG}/notes` }),
    all(200),
  ],
  // Class evidence: the member keeps the class; the lead leads the fixture's workgroup.
  ['GET /api/classes', () => ({ path: '/api/classes' }), signedIn(200)],
  [
    'POST /api/classes',
    () => ({ path: '/api/classes', body: { label: '7Y1', year: 7 } }),
    signedIn(201),
  ],
  [
    'PATCH /api/classes/:classId',
    async (f) => ({ path: `/api/classes/${await memberClass(f)}`, body: { label: '8X3' } }),
    ownerOnly(200),
  ],
  [
    'DELETE /api/classes/:classId',
    async (f) => ({ path: `/api/classes/${await memberClass(f)}` }),
    ownerOnly(204),
  ],
  [
    'GET /api/classes/:classId/export',
    async (f) => ({ path: `/api/classes/${await memberClass(f)}/export` }),
    ownerOnly(200),
  ],
  [
    'POST /api/live-sessions',
    async (f) => ({
      path: '/api/live-sessions',
      body: { classId: await memberClass(f), itemIds: [ITEM] },
    }),
    ownerOnly(201),
  ],
  [
    'GET /api/live-sessions/:sessionId',
    async (f) => ({ path: `/api/live-sessions/${(await memberSession(f)).id}` }),
    ownerOnly(200),
  ],
  [
    'POST /api/live-sessions/:sessionId/reveal',
    async (f) => ({ path: `/api/live-sessions/${(await memberSession(f)).id}/reveal` }),
    ownerOnly(200),
  ],
  [
    'PUT /api/live-sessions/:sessionId/position',
    async (f) => ({
      path: `/api/live-sessions/${(await memberSession(f)).id}/position`,
      body: { position: 0 },
    }),
    ownerOnly(200),
  ],
  [
    'POST /api/live-sessions/:sessionId/counts',
    async (f) => ({
      path: `/api/live-sessions/${(await memberSession(f)).id}/counts`,
      body: { counts: { A: 20, B: 5 } },
    }),
    ownerOnly(200),
  ],
  [
    'POST /api/live-sessions/:sessionId/end',
    async (f) => ({ path: `/api/live-sessions/${(await memberSession(f)).id}/end` }),
    ownerOnly(200),
  ],
  // Without an Upgrade header the socket route says so (426); live-socket cases are in live.test.ts.
  [
    'GET /api/live-sessions/:sessionId/socket',
    async (f) => ({ path: `/api/live-sessions/${(await memberSession(f)).id}/socket` }),
    ownerOnly(426),
  ],
  [
    'GET /api/live-sessions/:sessionId/qr',
    async (f) => ({ path: `/api/live-sessions/${(await memberSession(f)).id}/qr` }),
    ownerOnly(200),
  ],
  // Pupils have no accounts: whoever has the code may join and vote.
  [
    'GET /api/live/:code',
    async (f) => ({ path: `/api/live/${(await memberSession(f)).code}` }),
    all(200),
  ],
  [
    'POST /api/live/:code/join',
    async (f) => ({ path: `/api/live/${(await memberSession(f)).code}/join` }),
    all(201),
  ],
  [
    'POST /api/live/:code/votes',
    async (f) => {
      const { code, token } = await joinedDevice(f)
      return { path: `/api/live/${code}/votes`, body: { token, label: 'B' } }
    },
    all(200),
  ],
  [
    'GET /api/live/:code/socket',
    async (f) => {
      const { code, token } = await joinedDevice(f)
      return { path: `/api/live/${code}/socket?token=${token}` }
    },
    all(426),
  ],
  [
    'POST /api/tallies',
    async (f) => ({
      path: '/api/tallies',
      body: { classId: await memberClass(f), itemId: ITEM, counts: { A: 12, B: 3 } },
    }),
    ownerOnly(201),
  ],
  ['GET /api/tallies', () => ({ path: '/api/tallies' }), signedIn(200)],
  [
    'DELETE /api/tallies/:tallyId',
    async (f) => ({ path: `/api/tallies/${await memberTally(f)}` }),
    ownerOnly(204),
  ],
  ['GET /api/items/:id/statistics', () => ({ path: `/api/items/${ITEM}/statistics` }), all(200)],
  [
    'GET /api/items/:id/statistics',
    (f) => ({ path: `/api/items/${ITEM}/statistics?scope=workgroup&workgroupId=${f.workgroupId}` }),
    memberOnly(200),
  ],
  [
    'GET /api/misconceptions/:slug/prevalence',
    () => ({ path: `/api/misconceptions/${SLUG}/prevalence` }),
    all(200),
  ],
  [
    'GET /api/misconceptions/:slug/prevalence',
    (f) => ({
      path: `/api/misconceptions/${SLUG}/prevalence?scope=workgroup&workgroupId=${f.workgroupId}`,
    }),
    memberOnly(200),
  ],
  [
    'GET /api/workgroups/:workgroupId/prevalence',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/prevalence` }),
    memberOnly(200),
  ],
  [
    'POST /api/workgroups/:workgroupId/enquiries',
    (f) => ({
      path: `/api/workgroups/${f.workgroupId}/enquiries`,
      body: {
        question: 'Do bar models reduce adding numerators and denominators?',
        misconceptions: [SLUG],
        pre: { itemIds: [ITEM] },
        post: { itemIds: [ITEM] },
        preFrom: '2026-09-01',
        preTo: '2026-09-30',
        postFrom: '2026-11-01',
        postTo: '2026-11-30',
      },
    }),
    leadOnly(201),
  ],
  [
    'GET /api/workgroups/:workgroupId/enquiries',
    (f) => ({ path: `/api/workgroups/${f.workgroupId}/enquiries` }),
    memberOnly(200),
  ],
  [
    'GET /api/enquiries/:enquiryId',
    async (f) => ({ path: `/api/enquiries/${await enquiry(f)}` }),
    membersSee(200),
  ],
  // Once the lead shares a closed enquiry, anyone may read its counts and summary.
  [
    'GET /api/enquiries/:enquiryId',
    async (f) => ({ path: `/api/enquiries/${await enquiry(f, true)}` }),
    all(200),
  ],
  // The member adds their own class; the lead may add a member's class.
  [
    'PUT /api/enquiries/:enquiryId/classes/:classId',
    async (f) => ({
      path: `/api/enquiries/${await enquiry(f)}/classes/${await memberClass(f)}`,
    }),
    memberOnly(204),
  ],
  [
    'DELETE /api/enquiries/:enquiryId/classes/:classId',
    async (f) => {
      const [id, classId] = [await enquiry(f), await memberClass(f)]
      await send(f.users.member, 'PUT', `/api/enquiries/${id}/classes/${classId}`)
      return { path: `/api/enquiries/${id}/classes/${classId}` }
    },
    memberOnly(204),
  ],
  [
    'POST /api/enquiries/:enquiryId/close',
    async (f) => ({
      path: `/api/enquiries/${await enquiry(f)}/close`,
      body: { summary: 'No clear change this term.' },
    }),
    leadOnly(200),
  ],
  [
    'GET /api/enquiries/:enquiryId/export',
    async (f) => ({ path: `/api/enquiries/${await enquiry(f)}/export` }),
    membersSee(200),
  ],
  // A teacher's list is always the caller's own.
  ['GET /api/me/list', () => ({ path: '/api/me/list' }), signedIn(200)],
  [
    'PUT /api/me/list',
    () => ({ path: '/api/me/list', body: { name: 'Starter', itemIds: [ITEM] } }),
    signedIn(200),
  ],
  ['PUT /api/me/list/items/:itemId', () => ({ path: `/api/me/list/items/${ITEM}` }), signedIn(200)],
  [
    'DELETE /api/me/list/items/:itemId',
    () => ({ path: `/api/me/list/items/${ITEM}` }),
    signedIn(200),
  ],
]

/**
 * Fresh people for every case and role (so sign-out and ending sessions touch only their own, and
 * a bystander promoted by one case stands apart from every other), a workgroup, an invite, a hub.
 */
async function fixture(): Promise<Fixture> {
  const db = getDb(env.DB)
  const { bystander, ...users } = await teachers(
    ['teacher', 'member', 'lead', 'curator', 'admin', 'bystander'],
    { admins: ['admin'] },
  )
  const workgroupId = await workgroup(users.lead, users.member)
  const invite = await createInvite(db, users.lead.id, workgroupId, 7)
  const hubSlug = `hub-${unique()}`
  await createHub(db, users.admin.id, { slug: hubSlug, name: 'Matrix hub' })
  await addCurator(db, users.admin.id, hubSlug, users.curator.id)
  return {
    users,
    bystander,
    workgroupId,
    inviteId: invite.id,
    inviteCode: invite.code,
    hubSlug,
    tokenId: async (role) => {
      const owner = role === 'anonymous' ? users.teacher : users[role]
      return (
        (await (await send(owner, 'POST', '/api/me/tokens', { name: 'to revoke' })).json()) as {
          id: string
        }
      ).id
    },
  }
}

describe('authorization matrix', () => {
  // Every case and role has fixtures of its own, so the cases (and the roles in one) run at once.
  it.concurrent.for(MATRIX)(
    '%s',
    { timeout: 60_000 },
    async ([route, request, expected], { expect }) => {
      const method = route.split(' ')[0] ?? 'GET'
      const got = await Promise.all(
        roles.map(async (role) => {
          const f = await fixture()
          const { path, body } = await request(f, role)
          const res = await send(
            role === 'anonymous' ? null : f.users[role],
            method,
            path,
            body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
          )
          const text = await res.text()
          // No response ever carries another person's email address (signing in shows your own).
          const self = route === 'POST /api/auth/signin' ? 'teacher' : role
          for (const [who, user] of Object.entries(f.users)) {
            if (who !== self) expect(text).not.toContain(user.email)
          }
          return res.status
        }),
      )
      expect(Object.fromEntries(roles.map((r, i) => [r, got[i]]))).toEqual(
        Object.fromEntries(roles.map((r, i) => [r, expected[i]])),
      )
    },
  )

  it('covers every route the app serves, and the access table names no route that does not exist', () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path}`),
    )
    const inMatrix = new Set(MATRIX.map(([route]) => route))
    expect([...served].filter((r) => !inMatrix.has(r))).toEqual([])
    expect([...served].filter((r) => !(r in ACCESS))).toEqual([])
    expect(Object.keys(ACCESS).filter((r) => !served.has(r))).toEqual([])
  })
})
