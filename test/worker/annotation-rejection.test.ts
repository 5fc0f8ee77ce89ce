/**
 * Rejecting a proposal: a hub curator turns it down with a reason its workgroup reads. A proposal
 * is decided once: whatever mix of curators accept and reject it at the same moment, one call
 * wins, the rest get 409 (never 500), and the bank holds only what the winner wrote.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import * as queries from '../../src/annotations/annotations.queries.ts'
import { getDb } from '../../src/lib/db.ts'
import { established, hubCuratedBy, workgroup } from './fixtures.ts'
import { send, type TestUser } from './helpers.ts'

// An item no other test file inspects option by option; B already reveals LINKED, so accepting
// that changes nothing in the bank, and the drafts here have slugs of their own.
const ITEM = 'add-47-and-38'
const LABEL = 'B'
const LINKED = 'ignores-carried-digit'

type Annotation = {
  id: string
  status: string
  draft: { slug: string } | null
  rejected: { by: { displayName: string }; hubSlug: string; reason: string } | null
}

async function team() {
  const lead = await established('Lee')
  const member = await established('Mo')
  const curator = await established('Cora')
  const wg = await workgroup(lead, member)
  return { lead, member, curator, wg, hub: await hubCuratedBy(curator) }
}

async function proposeDraft(member: TestUser, wg: string, stem: string) {
  const slug = `${stem}-${crypto.randomUUID().slice(0, 8)}`
  const res = await send(member, 'POST', `/api/workgroups/${wg}/annotations`, {
    itemId: ITEM,
    label: LABEL,
    draft: { slug, title: 'Writes each column total in full', description: 'Writes $715$.' },
    evidence: 'Three pupils in 3R chose it.',
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return { id: ((await res.json()) as Annotation).id, slug }
}

const misconceptionExists = async (slug: string) =>
  Boolean(await env.DB.prepare('SELECT 1 FROM misconceptions WHERE slug = ?').bind(slug).first())
const linked = async (slug: string) =>
  Boolean(
    await env.DB.prepare(
      'SELECT 1 FROM option_misconceptions WHERE item_id = ? AND label = ? AND misconception_slug = ?',
    )
      .bind(ITEM, LABEL, slug)
      .first(),
  )
const decisions = async (id: string) =>
  (
    await env.DB.prepare(
      "SELECT action FROM audit_log WHERE action LIKE 'annotation.%' AND json_extract(detail, '$.annotationId') = ?",
    )
      .bind(id)
      .all<{ action: string }>()
  ).results.map((r) => r.action)

describe('POST /api/annotations/{annotationId}/reject', () => {
  it('turns a proposal down with the reason, which its workgroup then reads', async () => {
    const { member, curator, wg, hub } = await team()
    const { id, slug } = await proposeDraft(member, wg, 'subtracts-instead')
    const res = await send(curator, 'POST', `/api/annotations/${id}/reject`, {
      hubSlug: hub,
      reason: '  Option B already reveals ignoring the carried digit.  ',
    })
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toMatchObject({
      status: 'rejected',
      draft: { slug },
      rejected: {
        by: { displayName: 'Cora' },
        hubSlug: hub,
        reason: 'Option B already reveals ignoring the carried digit.',
      },
    })
    const seen = (await (await send(member, 'GET', `/api/annotations/${id}`)).json()) as Annotation
    expect(seen.rejected?.reason).toBe('Option B already reveals ignoring the carried digit.')
    expect(await misconceptionExists(slug)).toBe(false)
    expect(await decisions(id)).toEqual(['annotation.rejected'])
    // Decided: it leaves the review queue and takes no more decisions or responses.
    const queue = (await (await send(curator, 'GET', '/api/annotations?limit=50')).json()) as {
      data: Annotation[]
    }
    expect(queue.data.map((a) => a.id)).not.toContain(id)
    const again = { hubSlug: hub, reason: 'Twice' }
    expect((await send(curator, 'POST', `/api/annotations/${id}/reject`, again)).status).toBe(409)
    expect(
      (await send(curator, 'POST', `/api/annotations/${id}/accept`, { hubSlug: hub })).status,
    ).toBe(409)
  })

  it('needs a reason, from a curator of the hub named, for a proposal that exists', async () => {
    const { member, curator, lead, wg, hub } = await team()
    const { id } = await proposeDraft(member, wg, 'needs-a-reason')
    const reject = (who: TestUser, body: object, annotationId = id) =>
      send(who, 'POST', `/api/annotations/${annotationId}/reject`, body)
    for (const [body, field] of [
      [{ hubSlug: hub }, 'reason'],
      [{ hubSlug: hub, reason: '  ' }, 'reason'],
      [{ hubSlug: hub, reason: 'x'.repeat(1001) }, 'reason'],
      [{ reason: 'No hub named' }, 'hubSlug'],
    ] as const) {
      const res = await reject(curator, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const problem = (await res.json()) as { errors: { field: string }[] }
      expect(problem.errors.map((e) => e.field)).toContain(field)
    }
    expect((await reject(lead, { hubSlug: hub, reason: 'Not mine to decide' })).status).toBe(403)
    expect((await reject(curator, { hubSlug: 'no-such-hub', reason: 'Which hub?' })).status).toBe(
      404,
    )
    expect((await reject(curator, { hubSlug: hub, reason: 'Gone' }, 'no-such-id')).status).toBe(404)
  })

  it('decides a drafted proposal once when 20 accepts and rejects arrive together', async () => {
    const { member, curator, wg, hub } = await team()
    const { id, slug } = await proposeDraft(member, wg, 'raced-draft')
    const statuses = await Promise.all(
      Array.from(
        { length: 20 },
        async (_, i) =>
          (
            await send(
              curator,
              'POST',
              `/api/annotations/${id}/${i % 2 ? 'reject' : 'accept'}`,
              i % 2 ? { hubSlug: hub, reason: `Reason ${i}` } : { hubSlug: hub },
            )
          ).status,
      ),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(19)
    const final = (await (await send(curator, 'GET', `/api/annotations/${id}`)).json()) as {
      status: string
    }
    // The bank holds what the winner wrote, and only that.
    const accepted = final.status === 'accepted'
    expect(await misconceptionExists(slug)).toBe(accepted)
    expect(await linked(slug)).toBe(accepted)
    expect(await decisions(id)).toEqual([accepted ? 'annotation.accepted' : 'annotation.rejected'])
  })

  it('decides a proposal of an existing misconception once under 20 calls at once', async () => {
    const { member, curator, wg, hub } = await team()
    const res = await send(member, 'POST', `/api/workgroups/${wg}/annotations`, {
      itemId: ITEM,
      label: LABEL,
      misconceptionSlug: LINKED,
      evidence: 'Seen once.',
    })
    const { id } = (await res.json()) as Annotation
    const statuses = await Promise.all(
      Array.from(
        { length: 20 },
        async (_, i) =>
          (
            await send(
              curator,
              'POST',
              `/api/annotations/${id}/${i % 2 ? 'accept' : 'reject'}`,
              i % 2 ? { hubSlug: hub } : { hubSlug: hub, reason: `Reason ${i}` },
            )
          ).status,
      ),
    )
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(19)
    expect((await decisions(id)).length).toBe(1)
  })

  it('leaves no misconception or link behind an acceptance that loses to a rejection', async () => {
    const { member, curator, wg, hub } = await team()
    const { id, slug } = await proposeDraft(member, wg, 'lost-race')
    const db = getDb(env.DB)
    // The acceptance read the row while it was still proposed; the rejection lands first.
    const stale = await queries.getRow(db, id)
    if (!stale) throw new Error('the proposal was not stored')
    await queries.reject(db, stale, curator.id, { hubSlug: hub, reason: 'Not this one' })
    await expect(queries.accept(db, stale, curator.id, hub)).rejects.toMatchObject({
      status: 409,
    })
    expect(await misconceptionExists(slug)).toBe(false)
    expect(await linked(slug)).toBe(false)
    expect(await decisions(id)).toEqual(['annotation.rejected'])
  })
})
