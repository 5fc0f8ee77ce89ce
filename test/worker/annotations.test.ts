/** Annotations: a workgroup proposes a misconception link, members respond, a curator accepts it into the bank. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { established, hubCuratedBy, MISCONCEPTION, workgroup } from './fixtures.ts'
import { getJson, send } from './helpers.ts'

// An item no other test file inspects option by option, so adding a misconception disturbs none.
const ITEM = 'add-47-and-38'

type Annotation = {
  id: string
  status: string
  responses: { vote: string; user: { displayName: string } }[]
  accepted: { by: { displayName: string }; hubSlug: string } | null
  misconception: { slug: string } | null
}

async function team() {
  const lead = await established('Lee')
  const member = await established('Mo')
  const curator = await established('Cora')
  const outsider = await established('Olly')
  const wg = await workgroup(lead, member)
  return { lead, member, curator, outsider, wg, hub: await hubCuratedBy(curator) }
}

describe('annotations', () => {
  it('go from a workgroup proposal, through endorsement, to the bank when a curator accepts', async () => {
    const { lead, member, curator, outsider, wg, hub } = await team()
    const slug = `forgets-the-carried-ten-${crypto.randomUUID().slice(0, 6)}`
    const proposed = await send(member, 'POST', `/api/workgroups/${wg}/annotations`, {
      itemId: ITEM,
      label: 'C',
      draft: {
        slug,
        title: 'Drops the regrouped ten when adding columns',
        description: 'Writes the ones digit of $7 + 8$ and loses the ten.',
      },
      evidence: '9 of 27 pupils in 3R chose $75$.',
      counts: { pupilsAsked: 27, counts: { A: 15, B: 3, C: 9 } },
    })
    expect(proposed.status, await proposed.clone().text()).toBe(201)
    const { id } = (await proposed.json()) as Annotation

    expect((await send(outsider, 'GET', `/api/annotations/${id}`)).status).toBe(404)
    expect(
      (await send(outsider, 'PUT', `/api/annotations/${id}/response`, { vote: 'endorse' })).status,
    ).toBe(404)
    expect(
      (await send(member, 'PUT', `/api/annotations/${id}/response`, { vote: 'endorse' })).status,
    ).toBe(409)
    await send(lead, 'PUT', `/api/annotations/${id}/response`, { vote: 'dispute' })
    const endorsed = await send(lead, 'PUT', `/api/annotations/${id}/response`, {
      vote: 'endorse',
      comment: 'Saw the same in 3B',
    })
    expect(((await endorsed.json()) as Annotation).responses).toMatchObject([
      { vote: 'endorse', user: { displayName: 'Lee' } },
    ])

    // Curators find it in the review queue; a teacher may not accept it.
    const queue = (await (await send(curator, 'GET', '/api/annotations?limit=50')).json()) as {
      data: Annotation[]
    }
    expect(queue.data.map((a) => a.id)).toContain(id)
    expect((await send(lead, 'GET', '/api/annotations')).status).toBe(403)
    expect(
      (await send(lead, 'POST', `/api/annotations/${id}/accept`, { hubSlug: hub })).status,
    ).toBe(403)

    const before = await env.DB.prepare(
      "SELECT value FROM bank_meta WHERE key = 'bank_version'",
    ).first<{ value: string }>()
    const accepted = await send(curator, 'POST', `/api/annotations/${id}/accept`, { hubSlug: hub })
    expect(accepted.status, await accepted.clone().text()).toBe(200)
    expect(await accepted.json()).toMatchObject({
      status: 'accepted',
      misconception: { slug },
      accepted: { by: { displayName: 'Cora' }, hubSlug: hub },
    })
    const after = await env.DB.prepare(
      "SELECT value FROM bank_meta WHERE key = 'bank_version'",
    ).first<{ value: string }>()
    expect(after?.value).not.toBe(before?.value)
    expect(
      (await send(curator, 'POST', `/api/annotations/${id}/accept`, { hubSlug: hub })).status,
    ).toBe(409)

    // The option now reveals it, the misconception exists, search finds it, credit is shown.
    const item = (
      await getJson<{ options: { label: string; misconceptions: { slug: string }[] }[] }>(
        `/api/items/${ITEM}`,
      )
    ).body
    expect(item.options.find((o) => o.label === 'C')?.misconceptions.map((m) => m.slug)).toContain(
      slug,
    )
    expect((await getJson(`/api/misconceptions/${slug}`)).status).toBe(200)
    const search = (
      await getJson<{ data: { ref: string }[] }>('/api/search?q=drops+the+regrouped+ten')
    ).body
    expect(search.data.map((h) => h.ref)).toEqual(expect.arrayContaining([slug, ITEM]))
    const credits = (await getJson<{ data: unknown[] }>(`/api/items/${ITEM}/credits`)).body.data
    expect(credits).toContainEqual(
      expect.objectContaining({
        label: 'C',
        misconception: expect.objectContaining({ slug }),
        workgroup: { id: wg, name: 'Y4 perimeter lesson study' },
        proposedBy: expect.objectContaining({ displayName: 'Mo' }),
        endorsedBy: [expect.objectContaining({ displayName: 'Lee' })],
        acceptedBy: expect.objectContaining({ displayName: 'Cora' }),
        acceptedAt: expect.any(String),
        hubSlug: hub,
      }),
    )
  })

  it('accept a drafted misconception once when two curators accept it at the same moment', async () => {
    const { member, curator, wg, hub } = await team()
    const second = await established('Cal')
    await env.DB.prepare(
      "INSERT INTO hub_curators (hub_slug, user_id, added_by, added_at) VALUES (?, ?, 'test', '2026-01-01')",
    )
      .bind(hub, second.id)
      .run()
    const slug = `halves-the-regrouped-ten-${crypto.randomUUID().slice(0, 6)}`
    const proposed = await send(member, 'POST', `/api/workgroups/${wg}/annotations`, {
      itemId: ITEM,
      label: 'B',
      draft: { slug, title: 'Halves the regrouped ten', description: 'Adds five instead of ten.' },
      evidence: 'Two pupils in 3R.',
    })
    expect(proposed.status).toBe(201)
    const { id } = (await proposed.json()) as Annotation
    const statuses = await Promise.all(
      [curator, second].map(
        async (who) =>
          (await send(who, 'POST', `/api/annotations/${id}/accept`, { hubSlug: hub })).status,
      ),
    )
    expect(statuses.sort()).toEqual([200, 409])
  })

  it('refuse proposals that do not fit the item', async () => {
    const { member, wg } = await team()
    const propose = (body: object) =>
      send(member, 'POST', `/api/workgroups/${wg}/annotations`, {
        itemId: ITEM,
        label: 'B',
        evidence: 'seen',
        ...body,
      })
    const cases: [object, string][] = [
      [{ misconceptionSlug: MISCONCEPTION, label: 'A' }, 'label'],
      [{ misconceptionSlug: MISCONCEPTION, label: 'E' }, 'label'],
      [{ misconceptionSlug: 'no-such-misconception' }, 'misconceptionSlug'],
      [{}, 'misconceptionSlug'],
      [{ draft: { slug: MISCONCEPTION, title: 'Taken slug', description: 'x' } }, 'draft.slug'],
      [
        { misconceptionSlug: MISCONCEPTION, counts: { pupilsAsked: 5, counts: { D: 1 } } },
        'counts.counts.D',
      ],
      [{ misconceptionSlug: MISCONCEPTION, evidence: '$\\def\\a{\\a\\a}\\a$' }, 'evidence'],
    ]
    for (const [body, field] of cases) {
      const res = await propose(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const problem = (await res.json()) as { errors: { field: string }[] }
      expect(problem.errors.map((e) => e.field)).toContain(field)
    }
    expect((await propose({ misconceptionSlug: MISCONCEPTION })).status).toBe(201)
    const list = (await (
      await send(member, 'GET', `/api/workgroups/${wg}/annotations`)
    ).json()) as { data: Annotation[] }
    expect(list.data).toHaveLength(1)
  })
})

describe('workgroup notes', () => {
  it('are private to the workgroup until its lead shares one', async () => {
    const { lead, member, outsider, wg } = await team()
    const res = await send(member, 'POST', `/api/workgroups/${wg}/notes`, {
      misconceptionSlug: MISCONCEPTION,
      body: 'What worked: draw the fence and the field, then ask which is $16$.',
    })
    expect(res.status).toBe(201)
    const note = (await res.json()) as { id: string; body: { html: string }; shared: null }
    expect(note.body.html).toContain('katex')
    expect((await send(outsider, 'GET', `/api/workgroups/${wg}/notes`)).status).toBe(404)
    const shared = () =>
      getJson<{ data: { id: string; workgroup: { name: string } }[] }>(
        `/api/misconceptions/${MISCONCEPTION}/notes?limit=50`,
      )
    expect((await shared()).body.data.map((n) => n.id)).not.toContain(note.id)
    const path = `/api/workgroups/${wg}/notes/${note.id}/shared`
    expect((await send(member, 'PUT', path, { shared: true })).status).toBe(403)
    expect((await send(outsider, 'PUT', path, { shared: true })).status).toBe(404)
    expect((await send(lead, 'PUT', path, { shared: true })).status).toBe(200)
    expect((await shared()).body.data.find((n) => n.id === note.id)?.workgroup.name).toBe(
      'Y4 perimeter lesson study',
    )
    await send(lead, 'PUT', path, { shared: false })
    expect((await shared()).body.data.map((n) => n.id)).not.toContain(note.id)
    const mine = (await (
      await send(member, 'GET', `/api/workgroups/${wg}/notes?misconception=${MISCONCEPTION}`)
    ).json()) as { data: unknown[] }
    expect(mine.data).toHaveLength(1)
  })
})
