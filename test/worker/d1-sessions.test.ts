import { describe, expect, it } from 'vitest'
import { call, getJson, signUp } from './helpers.ts'

describe('D1 sessions (read replication)', () => {
  it('returns the session bookmark with a read', async () => {
    const res = await call('/api/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-d1-bookmark')).toMatch(/^[0-9a-f-]+$/i)
  })

  it('gives a browser the bookmark of its write in a cookie, and reads its own write with it', async () => {
    const teacher = await signUp('Reader')
    // A write: a new workgroup, as a signed-in teacher's browser sends it.
    const res = await call('/api/workgroups', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: teacher.cookie,
        origin: 'https://bank.test',
      },
      body: JSON.stringify({ name: 'Readers of their own writes' }),
    })
    expect(res.status).toBe(201)
    const cookies = res.headers.getSetCookie()
    const bookmark = cookies.find((c) => c.startsWith('__Host-d1-bookmark='))
    expect(bookmark).toMatch(/Secure/)
    expect(bookmark).toMatch(/HttpOnly/)
    const { id } = (await res.json()) as { id: string }
    const read = await getJson<{ id: string }>(`/api/workgroups/${id}`, {
      headers: { cookie: `${teacher.cookie}; ${bookmark!.split(';')[0]}` },
    })
    expect(read.status).toBe(200)
    expect(read.body.id).toBe(id)
  })

  it('accepts the bookmark in a header from a script', async () => {
    const teacher = await signUp('Scripted')
    const bookmark = (await call('/api/health')).headers.get('x-d1-bookmark')!
    const res = await call('/api/me', {
      headers: { cookie: teacher.cookie, 'x-d1-bookmark': bookmark },
    })
    expect(res.status).toBe(200)
  })

  it.each([
    ['garbage', 'not a bookmark'],
    ['too long', `${'a'.repeat(200)}-1`],
  ])('ignores a %s bookmark rather than failing', async (_, value) => {
    const res = await call('/api/search?q=area', { headers: { 'x-d1-bookmark': value } })
    expect(res.status).toBe(200)
  })
})
