/** Many requests at once: each write either lands or gets a 409, never a 500, and every rule holds. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { hubCuratedBy, ITEM, MISCONCEPTION, startThread, teachers, workgroup } from './fixtures.ts'
import { send } from './helpers.ts'

const AT_ONCE = 50

/** Fires `n` copies of a request at once and counts the statuses. */
async function burst(n: number, request: (i: number) => Promise<Response>) {
  const statuses = await Promise.all(
    Array.from({ length: n }, (_, i) => request(i).then((r) => r.status)),
  )
  const counts: Record<number, number> = {}
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1
  return counts
}

const count = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()
  )?.n ?? -1

describe('concurrent writes', () => {
  it(`editing one post ${AT_ONCE} times at once keeps one revision per edit that landed`, async () => {
    const { tess } = await teachers(['tess'])
    const { firstPost } = await startThread(tess)
    const counts = await burst(AT_ONCE, (i) =>
      send(tess, 'PATCH', `/api/posts/${firstPost.id}`, { body: `Edit number ${i}` }),
    )
    expect(counts[500]).toBeUndefined()
    expect((counts[200] ?? 0) + (counts[409] ?? 0)).toBe(AT_ONCE)
    const revisions = await count(
      'SELECT count(*) AS n FROM post_revisions WHERE post_id = ?',
      firstPost.id,
    )
    const post = await env.DB.prepare('SELECT revision FROM posts WHERE id = ?')
      .bind(firstPost.id)
      .first<{ revision: number }>()
    expect(revisions).toBe(post?.revision)
    expect(post?.revision).toBe(1 + (counts[200] ?? 0))
  })

  it(`publishing one set ${AT_ONCE} times at once numbers the versions without gaps`, async () => {
    const { cora } = await teachers(['cora'])
    const hub = await hubCuratedBy(cora)
    const made = await send(cora, 'POST', '/api/sets', {
      owner: { type: 'hub', id: hub },
      title: 'Perimeter starters',
      entries: [{ itemId: ITEM }],
    })
    const { id } = (await made.json()) as { id: string }
    const counts = await burst(AT_ONCE, () => send(cora, 'POST', `/api/sets/${id}/versions`))
    expect(counts[500]).toBeUndefined()
    expect((counts[201] ?? 0) + (counts[409] ?? 0)).toBe(AT_ONCE)
    const versions = await env.DB.prepare(
      'SELECT version FROM item_set_versions WHERE set_id = ? ORDER BY version',
    )
      .bind(id)
      .all<{ version: number }>()
    expect(versions.results.map((v) => v.version)).toEqual(
      Array.from({ length: counts[201] ?? 0 }, (_, i) => i + 1),
    )
  })

  it('two leads demoting each other, and leaving, at once still leave a lead', async () => {
    for (let round = 0; round < 10; round++) {
      const { ann, bob } = await teachers(['ann', 'bob'])
      const wg = await workgroup(ann, bob)
      await send(ann, 'PATCH', `/api/workgroups/${wg}/members/${bob.id}`, { role: 'lead' })
      const results = await Promise.all(
        round % 2 === 0
          ? [
              send(ann, 'PATCH', `/api/workgroups/${wg}/members/${bob.id}`, { role: 'member' }),
              send(bob, 'PATCH', `/api/workgroups/${wg}/members/${ann.id}`, { role: 'member' }),
            ]
          : [
              send(ann, 'DELETE', `/api/workgroups/${wg}/members/${ann.id}`),
              send(bob, 'DELETE', `/api/workgroups/${wg}/members/${bob.id}`),
            ],
      )
      // One lands; the other finds the rule broken (409) or its sender no longer a lead (403).
      const [first, second] = results.map((r) => r.status).sort()
      expect(first).toBe(204)
      expect([403, 409]).toContain(second)
      expect(
        await count(
          "SELECT count(*) AS n FROM workgroup_members WHERE workgroup_id = ? AND role = 'lead'",
          wg,
        ),
      ).toBe(1)
    }
  })

  it('ten teachers joining with one invite, each several times at once, are ten uses', async () => {
    const people = await teachers([
      'lee',
      't0',
      't1',
      't2',
      't3',
      't4',
      't5',
      't6',
      't7',
      't8',
      't9',
    ])
    const { lee, ...joiners } = people
    const wg = await workgroup(lee)
    const invite = (await (
      await send(lee, 'POST', `/api/workgroups/${wg}/invites`, {})
    ).json()) as { id: string; code: string }
    const everyone = Object.values(joiners)
    const counts = await burst(AT_ONCE, (i) =>
      send(everyone[i % everyone.length]!, 'POST', '/api/invites/accept', { code: invite.code }),
    )
    expect(counts).toEqual({ 200: AT_ONCE })
    const joined = await count(
      "SELECT count(*) AS n FROM workgroup_members WHERE workgroup_id = ? AND role = 'member'",
      wg,
    )
    expect(joined).toBe(10)
    expect(await count('SELECT uses AS n FROM workgroup_invites WHERE id = ?', invite.id)).toBe(10)
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE scope_id = ? AND action = 'member.joined'",
        wg,
      ),
    ).toBe(10)
  })

  it(`accepting one annotation ${AT_ONCE} times at once accepts it once, with one audit row`, async () => {
    const { lead, member, cora, cal } = await teachers(['lead', 'member', 'cora', 'cal'])
    const wg = await workgroup(lead, member)
    const hub = await hubCuratedBy(cora, cal)
    const proposed = await send(member, 'POST', `/api/workgroups/${wg}/annotations`, {
      itemId: ITEM,
      label: 'B',
      misconceptionSlug: MISCONCEPTION,
      evidence: 'Most of 4B chose it',
    })
    const { id } = (await proposed.json()) as { id: string }
    const counts = await burst(AT_ONCE, (i) =>
      send(i % 2 ? cora : cal, 'POST', `/api/annotations/${id}/accept`, { hubSlug: hub }),
    )
    expect(counts).toEqual({ 200: 1, 409: AT_ONCE - 1 })
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'annotation.accepted' AND detail LIKE ?",
        `%${id}%`,
      ),
    ).toBe(1)
  })
})
