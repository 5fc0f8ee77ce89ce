/** Workgroups and hubs: private membership, invites, roles with at least one lead, curators, the audit log. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { makeAdmin } from './fixtures.ts'
import { send, signUp, type TestUser } from './helpers.ts'

async function workgroupLedBy(lead: TestUser) {
  const res = await send(lead, 'POST', '/api/workgroups', {
    name: 'Y5 fractions work group, Cambridge',
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string; role: string }).id
}

async function invite(lead: TestUser, workgroupId: string, body: object = {}) {
  const res = await send(lead, 'POST', `/api/workgroups/${workgroupId}/invites`, body)
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; code: string; url: string; expiresAt: string }
}

describe('workgroups', () => {
  it('makes the creator its lead, and is private: a non-member gets 404 for everything in it', async () => {
    const lead = await signUp('Lee')
    const outsider = await signUp('Olly')
    const id = await workgroupLedBy(lead)
    expect(await (await send(lead, 'GET', `/api/workgroups/${id}`)).json()).toMatchObject({
      role: 'lead',
      memberCount: 1,
    })
    for (const path of ['', '/members', '/invites', '/audit']) {
      const res = await send(outsider, 'GET', `/api/workgroups/${id}${path}`)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('Y5 fractions')
    }
    expect((await send(outsider, 'GET', '/api/workgroups/no-such-group')).status).toBe(404)
  })

  it('lets a colleague from another school join with an invite link, once it is accepted', async () => {
    const lead = await signUp('Lee', { school: 'Hilltop Primary' })
    const colleague = await signUp('Cam', { school: 'Riverside Academy' })
    const id = await workgroupLedBy(lead)
    const { code, url } = await invite(lead, id)
    expect(url).toBe(`https://bank.test/join/${code}`)
    const joined = await send(colleague, 'POST', '/api/invites/accept', { code })
    expect(await joined.json()).toMatchObject({ id, role: 'member', memberCount: 2 })
    const members = (await (
      await send(colleague, 'GET', `/api/workgroups/${id}/members`)
    ).json()) as { data: { displayName: string; school: string }[] }
    expect(members.data.map((m) => m.school).sort()).toEqual([
      'Hilltop Primary',
      'Riverside Academy',
    ])
    expect(JSON.stringify(members)).not.toContain(lead.email)
  })

  it('refuses expired and revoked invites with the same 404', async () => {
    const lead = await signUp('Lee')
    const colleague = await signUp('Cam')
    const id = await workgroupLedBy(lead)
    const expired = await invite(lead, id)
    await env.DB.prepare('UPDATE workgroup_invites SET expires_at = ? WHERE id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), expired.id)
      .run()
    const revoked = await invite(lead, id)
    expect((await send(lead, 'DELETE', `/api/workgroups/${id}/invites/${revoked.id}`)).status).toBe(
      204,
    )
    const a = await send(colleague, 'POST', '/api/invites/accept', { code: expired.code })
    const b = await send(colleague, 'POST', '/api/invites/accept', { code: revoked.code })
    expect([a.status, b.status]).toEqual([404, 404])
    expect(await a.json()).toEqual(await b.json())
    expect((await send(colleague, 'GET', `/api/workgroups/${id}`)).status).toBe(404)
  })

  it('lets leads manage roles but never leaves a workgroup without a lead', async () => {
    const lead = await signUp('Lee')
    const member = await signUp('Mo')
    const id = await workgroupLedBy(lead)
    await send(member, 'POST', '/api/invites/accept', { code: (await invite(lead, id)).code })
    expect(
      (await send(member, 'PATCH', `/api/workgroups/${id}/members/${member.id}`, { role: 'lead' }))
        .status,
    ).toBe(403)
    expect((await send(lead, 'DELETE', `/api/workgroups/${id}/members/${lead.id}`)).status).toBe(
      409,
    )
    expect(
      (await send(lead, 'PATCH', `/api/workgroups/${id}/members/${member.id}`, { role: 'lead' }))
        .status,
    ).toBe(204)
    expect((await send(lead, 'DELETE', `/api/workgroups/${id}/members/${lead.id}`)).status).toBe(
      204,
    )
    expect((await send(lead, 'GET', `/api/workgroups/${id}`)).status).toBe(404)
  })

  it('records every membership and role change, visible to leads only', async () => {
    const lead = await signUp('Lee')
    const member = await signUp('Mo')
    const id = await workgroupLedBy(lead)
    const inv = await invite(lead, id)
    await send(member, 'POST', '/api/invites/accept', { code: inv.code })
    await send(lead, 'PATCH', `/api/workgroups/${id}/members/${member.id}`, { role: 'lead' })
    await send(lead, 'PATCH', `/api/workgroups/${id}/members/${member.id}`, { role: 'member' })
    await send(lead, 'DELETE', `/api/workgroups/${id}/members/${member.id}`)
    const audit = (await (await send(lead, 'GET', `/api/workgroups/${id}/audit`)).json()) as {
      data: { action: string; actorName: string; at: string; subjectUserId: string | null }[]
    }
    expect(audit.data.map((e) => e.action)).toEqual([
      'member.removed',
      'member.role-changed',
      'member.role-changed',
      'member.joined',
      'invite.created',
      'workgroup.created',
    ])
    expect(audit.data[0]).toMatchObject({
      actorName: 'Lee',
      subjectUserId: member.id,
      at: expect.any(String),
    })
  })
})

describe('hubs', () => {
  it('are created by a site admin, who names curators; curators manage the hub', async () => {
    const admin = await signUp('Ada')
    const curator = await signUp('Cora')
    await makeAdmin(admin)
    expect(
      (await send(admin, 'POST', '/api/hubs', { slug: 'east-maths-hub', name: 'East Maths Hub' }))
        .status,
    ).toBe(201)
    expect(
      (await send(admin, 'POST', '/api/hubs', { slug: 'east-maths-hub', name: 'Again' })).status,
    ).toBe(409)
    expect(
      (await send(admin, 'PUT', `/api/hubs/east-maths-hub/curators/${curator.id}`)).status,
    ).toBe(204)
    expect(
      (await send(curator, 'PATCH', '/api/hubs/east-maths-hub', { description: 'Vetted KS2 sets' }))
        .status,
    ).toBe(200)
    const hub = await (await send(null, 'GET', '/api/hubs/east-maths-hub')).text()
    expect(JSON.parse(hub)).toMatchObject({
      description: 'Vetted KS2 sets',
      curators: [{ id: curator.id, displayName: 'Cora' }],
    })
    expect(hub).not.toContain(curator.email)
    const audit = (await (await send(curator, 'GET', '/api/hubs/east-maths-hub/audit')).json()) as {
      data: { action: string }[]
    }
    expect(audit.data.map((e) => e.action)).toEqual(['curator.added', 'hub.created'])
  })
})
