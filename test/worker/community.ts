/** Set-up shared by the discussion and annotation tests: workgroups, hubs, established accounts. */
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { send, signUp, type TestUser } from './helpers.ts'

export const ITEM = 'perimeter-of-a-3-by-5-rectangle'
export const MISCONCEPTION = 'confuses-perimeter-and-area'

/** An account older than a day, so the new-account posting limit does not apply to it. */
export async function established(name: string): Promise<TestUser> {
  const user = await signUp(name)
  await env.DB.prepare('UPDATE users SET created_at = ? WHERE id = ?')
    .bind('2025-01-01T00:00:00.000Z', user.id)
    .run()
  return user
}

export async function makeAdmin(user: TestUser) {
  await env.DB.prepare('UPDATE users SET is_site_admin = 1 WHERE id = ?').bind(user.id).run()
}

/** A workgroup led by `lead` with `members` joined through an invite. */
export async function workgroup(lead: TestUser, ...members: TestUser[]) {
  const res = await send(lead, 'POST', '/api/workgroups', { name: 'Y4 perimeter lesson study' })
  expect(res.status).toBe(201)
  const { id } = (await res.json()) as { id: string }
  for (const member of members) {
    const invite = (await (
      await send(lead, 'POST', `/api/workgroups/${id}/invites`, {})
    ).json()) as { code: string }
    expect((await send(member, 'POST', '/api/invites/accept', { code: invite.code })).status).toBe(
      200,
    )
  }
  return id
}

/** A hub (made by a fresh site admin) with `curator` as its curator. */
export async function hubCuratedBy(curator: TestUser) {
  const admin = await signUp('Ada Admin')
  await makeAdmin(admin)
  const slug = `hub-${crypto.randomUUID().slice(0, 8)}`
  expect((await send(admin, 'POST', '/api/hubs', { slug, name: 'East Maths Hub' })).status).toBe(
    201,
  )
  expect((await send(admin, 'PUT', `/api/hubs/${slug}/curators/${curator.id}`)).status).toBe(204)
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
