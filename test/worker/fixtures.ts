/**
 * The one fixtures module for the Worker's tests: established accounts, site admins, workgroups
 * with members, hubs with curators, and the starter item and misconception to post on. Built with
 * the same query functions the API uses (not through HTTP), so set-up stays cheap.
 */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { createSession } from '../../src/accounts/accounts.queries.ts'
import { hashPassword, newId } from '../../src/accounts/secrets.ts'
import { addCurator, createHub } from '../../src/hubs/hubs.queries.ts'
import { getDb } from '../../src/lib/db.ts'
import { acceptInvite, createInvite } from '../../src/workgroups/invites.queries.ts'
import { createWorkgroup } from '../../src/workgroups/workgroups.queries.ts'
import { send, signUp, type TestUser } from './helpers.ts'

/** When established accounts were made: long enough ago for every new-account limit. */
const OLD = '2025-01-01T00:00:00.000Z'

export const ITEM = 'perimeter-of-a-3-by-5-rectangle'
export const MISCONCEPTION = 'confuses-perimeter-and-area'

/** A valid item input for a hub's authoring routes (its stem given, or a square's perimeter). */
export const draftItem = (
  id: string,
  stem = 'A square has sides of $2\\text{ cm}$. What is its perimeter?',
) => ({
  id,
  construct: 'Calculate the perimeter of a square',
  topic: 'perimeter',
  years: [4],
  stem,
  options: [
    { text: '$8\\text{ cm}$', correct: true, explanation: 'Adds all four sides.' },
    { text: '$4\\text{ cm}$', explanation: 'Gives the area.', misconceptions: [MISCONCEPTION] },
  ],
  source: 'Written by a hub',
  licence: 'CC-BY-4.0',
})

/** An account older than a day, so the new-account posting limit does not apply to it. */
export async function established(name: string): Promise<TestUser> {
  const user = await signUp(name)
  await env.DB.prepare('UPDATE users SET created_at = ? WHERE id = ?').bind(OLD, user.id).run()
  return user
}

/** Site administration is granted by the operator's CLI, not the API: here, straight in D1. */
export async function makeAdmin(user: { id: string }) {
  await env.DB.prepare('UPDATE users SET is_site_admin = 1 WHERE id = ?').bind(user.id).run()
}

/** A signed-up site admin. */
export async function siteAdmin(name = 'Ada Admin'): Promise<TestUser> {
  const admin = await signUp(name)
  await makeAdmin(admin)
  return admin
}

/** A workgroup led by `lead` with `members` joined through one invite each. */
export async function workgroup(lead: { id: string }, ...members: { id: string }[]) {
  const db = getDb(env.DB)
  const id = await createWorkgroup(db, lead.id, { name: 'Y4 perimeter lesson study' })
  for (const member of members) {
    const invite = await createInvite(db, lead.id, id, 7)
    await acceptInvite(db, member.id, invite.code)
  }
  return id
}

/** A hub made by a fresh site admin, curated by `curator` (and any `others`). */
export async function hubCuratedBy(curator: { id: string }, ...others: { id: string }[]) {
  const db = getDb(env.DB)
  const admin = await siteAdmin()
  const slug = `hub-${crypto.randomUUID().slice(0, 8)}`
  expect(await createHub(db, admin.id, { slug, name: 'East Maths Hub' })).toBeTruthy()
  for (const c of [curator, ...others]) await addCurator(db, admin.id, slug, c.id)
  return slug
}

export interface PostBody {
  id: string
  kind: string
  body: { source: string; html: string } | null
  deleted: boolean
  hidden: { reason: string } | null
  parentId: string | null
  quote: { postId: string; excerptHtml: string } | null
  endorsements: number
  accepted: boolean
  revision: number
  evidence: unknown
}

/** Start a thread and return its id and first post. */
export async function startThread(
  as: TestUser,
  extra: {
    workgroupId?: string
    kind?: string
    body?: string
    targetKind?: string
    targetId?: string
    evidence?: unknown
  } = {},
) {
  const res = await send(as, 'POST', '/api/threads', {
    targetKind: extra.targetKind ?? 'item',
    targetId: extra.targetId ?? ITEM,
    ...(extra.workgroupId ? { workgroupId: extra.workgroupId } : {}),
    title: 'Half the class said 15 cm',
    post: {
      kind: extra.kind ?? 'evidence',
      body: extra.body ?? 'We asked 28 Y4 pupils; 11 chose $15\\text{ cm}$.',
      ...(extra.evidence === undefined ? {} : { evidence: extra.evidence }),
    },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  const thread = (await res.json()) as { id: string; firstPost: PostBody }
  return { threadId: thread.id, firstPost: thread.firstPost }
}

export async function reply(as: TestUser, threadId: string, body: object) {
  const res = await send(as, 'POST', `/api/threads/${threadId}/posts`, { kind: 'idea', ...body })
  return { status: res.status, post: (await res.json()) as PostBody }
}

const PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

/**
 * Established teachers (older than a day) with a live session each, written straight to D1 with
 * one shared scrypt hash: signing up through the API costs a scrypt per account, which tests that
 * need dozens of fresh accounts cannot afford. Their password is `PASSWORD` all the same.
 */
export async function teachers<const N extends string>(
  names: readonly N[],
  { admins = [] as readonly N[] } = {},
): Promise<Record<N, TestUser>> {
  const db = getDb(env.DB)
  passwordHash ??= hashPassword(PASSWORD)
  const hash = await passwordHash
  const made = names.map((name) => ({
    name,
    id: newId(),
    email:
      `${name.replace(/\W+/g, '.')}.${crypto.randomUUID().slice(0, 8)}@school.test`.toLowerCase(),
  }))
  await env.DB.batch(
    made.map((u) =>
      env.DB.prepare(
        'INSERT INTO users (id, email, password_hash, display_name, is_site_admin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).bind(u.id, u.email, hash, u.name, admins.includes(u.name) ? 1 : 0, OLD, OLD),
    ),
  )
  const users = await Promise.all(
    made.map(async (u) => {
      const cookie = `__Host-session=${await createSession(db, u.id, null)}`
      return [u.name, { id: u.id, email: u.email, password: PASSWORD, cookie }] as const
    }),
  )
  return Object.fromEntries(users) as Record<N, TestUser>
}
