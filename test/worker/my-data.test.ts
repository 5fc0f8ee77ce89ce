/**
 * A teacher's data rights: exporting everything the account holds, and deleting the account
 * (sessions and tokens gone, posts tombstoned as "a former member", leadership passed on,
 * classes and tallies deleted).
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ITEM, MISCONCEPTION, reply, startThread, teachers, workgroup } from './fixtures.ts'
import { call, postJson, send, type TestUser } from './helpers.ts'
import { tokenSentTo } from './outbox.ts'

async function json<T>(res: Response | Promise<Response>) {
  const r = await res
  return (await r.json()) as T
}

/**
 * A class of `teacher` with one typed tally; returns both ids. Year 2, for which no other test
 * pools figures: the test files share one D1, and evidence.test.ts counts classes in Year 8.
 */
async function classWithTally(teacher: TestUser) {
  const { id: classId } = await json<{ id: string }>(
    send(teacher, 'POST', '/api/classes', { label: '2R', year: 2 }),
  )
  const { id: tallyId } = await json<{ id: string }>(
    send(teacher, 'POST', '/api/tallies', { classId, itemId: ITEM, counts: { A: 3, B: 5 } }),
  )
  return { classId, tallyId }
}

const count = async (sql: string, ...values: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...values)
      .first<{ n: number }>()
  )?.n

describe('GET /api/me/export', () => {
  it('downloads everything the account holds, and nobody else’s email', async () => {
    const { ada, bob } = await teachers(['ada', 'bob'])
    const workgroupId = await workgroup(ada, bob)
    const { threadId, firstPost } = await startThread(ada, { workgroupId })
    await send(ada, 'PATCH', `/api/posts/${firstPost.id}`, { body: 'Edited: 12 of 28 chose 15 cm' })
    await reply(bob, threadId, { body: 'Same in 5B' })
    await send(ada, 'POST', `/api/workgroups/${workgroupId}/notes`, {
      misconceptionSlug: MISCONCEPTION,
      body: 'Tracing the sides helped',
    })
    await send(ada, 'POST', `/api/workgroups/${workgroupId}/annotations`, {
      itemId: ITEM,
      label: 'B',
      misconceptionSlug: MISCONCEPTION,
      evidence: 'Half of 4B chose it',
    })
    await send(ada, 'POST', '/api/sets', {
      owner: { type: 'workgroup', id: workgroupId },
      title: 'Perimeter starters',
      entries: [{ itemId: ITEM }],
    })
    const { tallyId } = await classWithTally(ada)

    const res = await send(ada, 'GET', '/api/me/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/)
    const text = await res.text()
    expect(text).not.toContain(bob.email)
    const data = JSON.parse(text)
    expect(data.profile).toMatchObject({ id: ada.id, email: ada.email, displayName: 'ada' })
    expect(data.posts).toHaveLength(1)
    expect(data.posts[0]).toMatchObject({ bodySource: 'Edited: 12 of 28 chose 15 cm', revision: 2 })
    expect(data.posts[0].revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2])
    expect(data.threadsStarted.map((t: { id: string }) => t.id)).toEqual([threadId])
    expect(data.notes[0]).toMatchObject({ bodySource: 'Tracing the sides helped' })
    expect(data.annotations[0]).toMatchObject({ itemId: ITEM, label: 'B' })
    expect(data.memberships).toEqual([expect.objectContaining({ workgroupId, role: 'lead' })])
    expect(data.sets[0]).toMatchObject({ title: 'Perimeter starters' })
    expect(data.sets[0].entries).toEqual([expect.objectContaining({ itemId: ITEM })])
    expect(data.classes[0]).toMatchObject({ label: '2R', year: 2 })
    expect(data.tallies).toEqual([
      expect.objectContaining({ id: tallyId, counts: expect.objectContaining({ A: 3, B: 5 }) }),
    ])
    expect(data.sessions.length).toBeGreaterThan(0)
    expect(text).not.toMatch(/token_?hash|password/i)
  })

  it('is refused without signing in', async () => {
    expect((await call('/api/me/export')).status).toBe(401)
  })
})

describe('DELETE /api/me', () => {
  it('refuses without the right password, and the account stays', async () => {
    const { ada } = await teachers(['ada'])
    const res = await send(ada, 'DELETE', '/api/me', { password: 'not my password at all' })
    expect(res.status).toBe(400)
    expect((await send(ada, 'GET', '/api/me')).status).toBe(200)
    expect((await send(ada, 'DELETE', '/api/me', {})).status).toBe(400)
  })

  it('ends every session and token; the email can sign in no more, and can sign up afresh', async () => {
    const { ada } = await teachers(['ada'])
    const { token } = await json<{ token: string }>(
      send(ada, 'POST', '/api/me/tokens', { name: 'script' }),
    )
    const res = await send(ada, 'DELETE', '/api/me', { password: ada.password })
    expect(res.status).toBe(204)
    expect(res.headers.get('set-cookie')).toMatch(/__Host-session=;/)
    expect((await send(ada, 'GET', '/api/me')).status).toBe(401)
    expect((await call('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    )
    expect(await count('SELECT count(*) AS n FROM sessions WHERE user_id = ?', ada.id)).toBe(0)
    expect(await count('SELECT count(*) AS n FROM api_tokens WHERE user_id = ?', ada.id)).toBe(0)
    expect(
      (await postJson('/api/auth/signin', { email: ada.email, password: ada.password })).status,
    ).toBe(401)
    expect((await call(`/api/users/${ada.id}`)).status).toBe(404)
    // The address is free again: a new sign-up gets a link, not "you already have an account".
    await postJson('/api/auth/signup', {
      email: ada.email,
      password: 'a long enough password',
      displayName: 'Ada again',
    })
    const confirmed = await postJson('/api/auth/signup/confirm', {
      token: tokenSentTo(ada.email, '/signup/confirm'),
    })
    expect(confirmed.status).toBe(201)
  })

  it('leaves their posts as "a former member" tombstones, and removes threads nobody else wrote in', async () => {
    const { ada, bob } = await teachers(['ada', 'bob'])
    const { threadId, firstPost } = await startThread(ada, { body: 'Only 3 of 30 chose the area' })
    await send(ada, 'PATCH', `/api/posts/${firstPost.id}`, { body: 'Edited once' })
    const { post: bobs } = await reply(bob, threadId, { body: 'We saw the same' })
    const { threadId: lonely } = await startThread(ada, { body: 'Nobody answered this' })

    expect((await send(ada, 'DELETE', '/api/me', { password: ada.password })).status).toBe(204)

    const { data } = await json<{
      data: { id: string; author: { displayName: string }; body: unknown; deleted: boolean }[]
    }>(call(`/api/threads/${threadId}/posts`))
    const mine = data.find((p) => p.id === firstPost.id)
    expect(mine).toMatchObject({
      author: { displayName: 'A former member' },
      body: null,
      deleted: true,
    })
    expect(data.find((p) => p.id === bobs.id)).toMatchObject({
      body: { source: 'We saw the same' },
    })
    expect(
      await count('SELECT count(*) AS n FROM post_revisions WHERE post_id = ?', firstPost.id),
    ).toBe(0)
    const text = JSON.stringify(data)
    expect(text).not.toContain('Only 3 of 30')
    expect(text).not.toContain('ada')
    expect((await call(`/api/threads/${lonely}`)).status).toBe(404)
  })

  it('passes a workgroup they led alone to its longest-standing member, and deletes one they were alone in', async () => {
    const { lead, early, late, solo } = await teachers(['lead', 'early', 'late', 'solo'])
    const shared = await workgroup(lead, late, early)
    // `early` joined first, whatever order the fixture used.
    await env.DB.prepare(
      'UPDATE workgroup_members SET joined_at = ? WHERE workgroup_id = ? AND user_id = ?',
    )
      .bind('2025-02-01T00:00:00.000Z', shared, early.id)
      .run()
    await env.DB.prepare(
      'UPDATE workgroup_members SET joined_at = ? WHERE workgroup_id = ? AND user_id = ?',
    )
      .bind('2025-03-01T00:00:00.000Z', shared, late.id)
      .run()
    const alone = await workgroup(lead)
    const coLed = await workgroup(solo, lead)
    await send(solo, 'PATCH', `/api/workgroups/${coLed}/members/${lead.id}`, { role: 'lead' })

    expect((await send(lead, 'DELETE', '/api/me', { password: lead.password })).status).toBe(204)

    const { data: members } = await json<{ data: { id: string; role: string }[] }>(
      send(early, 'GET', `/api/workgroups/${shared}/members`),
    )
    expect(members.map((m) => [m.id, m.role]).sort()).toEqual(
      [
        [early.id, 'lead'],
        [late.id, 'member'],
      ].sort(),
    )
    const audit = await json<{ data: { action: string }[] }>(
      send(early, 'GET', `/api/workgroups/${shared}/audit`),
    )
    expect(audit.data.map((a) => a.action)).toContain('lead-passed-on-account-deletion')
    expect(await count('SELECT count(*) AS n FROM workgroups WHERE id = ?', alone)).toBe(0)
    // A workgroup that still has another lead keeps its leads as they were.
    const { data: coMembers } = await json<{ data: { id: string; role: string }[] }>(
      send(solo, 'GET', `/api/workgroups/${coLed}/members`),
    )
    expect(coMembers).toEqual([expect.objectContaining({ id: solo.id, role: 'lead' })])
  })

  it('deletes their classes and tallies', async () => {
    const { ada } = await teachers(['ada'])
    const { classId, tallyId } = await classWithTally(ada)
    expect((await send(ada, 'DELETE', '/api/me', { password: ada.password })).status).toBe(204)
    expect(await count('SELECT count(*) AS n FROM classes WHERE id = ?', classId)).toBe(0)
    expect(await count('SELECT count(*) AS n FROM tallies WHERE id = ?', tallyId)).toBe(0)
    expect(await count('SELECT count(*) AS n FROM tally_counts WHERE tally_id = ?', tallyId)).toBe(
      0,
    )
  })
})
