/** Accounts: sign-up, sign-in and out, sessions, API tokens, profiles and the sign-in rate limit. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, freshAddress, send, sessionCookie, signUp } from './helpers.ts'

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress(), ...headers },
  body: JSON.stringify(body),
})

describe('sign-up, sign-in and sign-out', () => {
  it('signs up with a hashed password and a __Host- session cookie', async () => {
    const res = await call(
      '/api/auth/signup',
      json({
        email: 'Ada@School.test',
        password: 'a long enough password',
        displayName: 'Ada',
        school: 'Hilltop Primary',
      }),
    )
    expect(res.status).toBe(201)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(
      /^__Host-session=mbs_[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    )
    const body = (await res.json()) as { user: { email: string; displayName: string } }
    expect(body.user).toMatchObject({
      email: 'ada@school.test',
      displayName: 'Ada',
      school: 'Hilltop Primary',
    })
    const row = await env.DB.prepare('SELECT password_hash FROM users WHERE email = ?')
      .bind('ada@school.test')
      .first<{ password_hash: string }>()
    expect(row?.password_hash).toMatch(/^scrypt\$16384\$8\$5\$[\w+/=]{24}\$[\w+/=]{44}$/)
    const token = /__Host-session=([^;]+)/.exec(cookie)?.[1] ?? ''
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE token_hash = ?')
      .bind(token)
      .first<{ n: number }>()
    expect(stored?.n).toBe(0) // only the SHA-256 is stored
  })

  it('refuses a second account for the same email, whatever its case', async () => {
    const ada = await signUp('Ada')
    const res = await call(
      '/api/auth/signup',
      json({
        email: ada.email.toUpperCase(),
        password: 'another long password',
        displayName: 'Imposter',
      }),
    )
    expect(res.status).toBe(409)
  })

  it('rejects a short password and a bad email, field by field', async () => {
    const res = await call(
      '/api/auth/signup',
      json({ email: 'not-an-email', password: 'short', displayName: '' }),
    )
    expect(res.status).toBe(400)
    const fields = ((await res.json()) as { errors: { field: string }[] }).errors
      .map((e) => e.field)
      .sort()
    expect(fields).toEqual(['displayName', 'email', 'password'])
  })

  it('says the same thing for a wrong password and an unknown email', async () => {
    const ada = await signUp('Ada')
    const wrong = await call(
      '/api/auth/signin',
      json({ email: ada.email, password: 'not the password' }),
    )
    const unknown = await call(
      '/api/auth/signin',
      json({ email: 'nobody@school.test', password: 'not the password' }),
    )
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('signs in, and signing out ends the session on the server', async () => {
    const ada = await signUp('Ada')
    const res = await call('/api/auth/signin', json({ email: ada.email, password: ada.password }))
    expect(res.status).toBe(200)
    const session = { cookie: sessionCookie(res) }
    expect((await send(session, 'GET', '/api/me')).status).toBe(200)
    expect((await send(session, 'POST', '/api/auth/signout')).status).toBe(204)
    expect((await send(session, 'GET', '/api/me')).status).toBe(401)
  })

  it('rate-limits sign-in per address with 429 and Retry-After', async () => {
    // The limiter counts in fixed one-minute windows: 25 tries over-run one of them whatever
    // the clock, and no more than 10 may pass in any one window.
    const statuses: number[] = []
    let limited: Response | undefined
    for (let i = 0; i < 25 && !limited; i++) {
      const res = await call(
        '/api/auth/signin',
        json(
          { email: 'x@school.test', password: 'wrong password' },
          { 'cf-connecting-ip': '198.51.100.7' },
        ),
      )
      statuses.push(res.status)
      if (res.status === 429) limited = res
    }
    expect(limited?.headers.get('retry-after')).toBe('60')
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(10)
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([])
  })
})

describe('sessions', () => {
  it('lists sessions and ends all the others', async () => {
    const ada = await signUp('Ada')
    const second = sessionCookie(
      await call('/api/auth/signin', json({ email: ada.email, password: ada.password })),
    )
    const list = (await (await send(ada, 'GET', '/api/me/sessions')).json()) as {
      data: { current: boolean }[]
    }
    expect(list.data).toHaveLength(2)
    expect(list.data.filter((s) => s.current)).toHaveLength(1)
    const ended = await send(ada, 'DELETE', '/api/me/sessions')
    expect(await ended.json()).toEqual({ ended: 1 })
    expect((await send({ cookie: second }, 'GET', '/api/me')).status).toBe(401)
    expect((await send(ada, 'GET', '/api/me')).status).toBe(200)
  })

  it('ends a session that has been idle too long', async () => {
    const ada = await signUp('Ada')
    await env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?')
      .bind(new Date(Date.now() - 8 * 86400_000).toISOString(), ada.id)
      .run()
    expect((await send(ada, 'GET', '/api/me')).status).toBe(401)
  })

  it('ends a session past its absolute expiry, however active', async () => {
    const ada = await signUp('Ada')
    await env.DB.prepare('UPDATE sessions SET expires_at = ? WHERE user_id = ?')
      .bind(new Date(Date.now() - 1000).toISOString(), ada.id)
      .run()
    expect((await send(ada, 'GET', '/api/me')).status).toBe(401)
  })

  it('refuses a cookie-authenticated change from another origin (CSRF)', async () => {
    const ada = await signUp('Ada')
    const res = await call('/api/me', {
      method: 'PATCH',
      headers: {
        cookie: ada.cookie,
        origin: 'https://evil.test',
        'content-type': 'application/json',
      },
      body: '{"displayName":"Pwned"}',
    })
    expect(res.status).toBe(403)
    const same = await call('/api/me', {
      method: 'PATCH',
      headers: {
        cookie: ada.cookie,
        origin: 'https://bank.test',
        'content-type': 'application/json',
      },
      body: '{"displayName":"Ada L"}',
    })
    expect(same.status).toBe(200)
  })
})

describe('API tokens', () => {
  it('creates a token shown once, authenticates with it as a bearer, and revokes it', async () => {
    const ada = await signUp('Ada')
    const created = (await (
      await send(ada, 'POST', '/api/me/tokens', { name: 'Moodle sync' })
    ).json()) as { id: string; token: string }
    expect(created.token).toMatch(/^mbt_/)
    const listed = await (await send(ada, 'GET', '/api/me/tokens')).text()
    expect(listed).toContain('Moodle sync')
    expect(listed).not.toContain(created.token)
    const bearer = { headers: { authorization: `Bearer ${created.token}` } }
    expect((await call('/api/me', bearer)).status).toBe(200)
    expect((await send(ada, 'DELETE', `/api/me/tokens/${created.id}`)).status).toBe(204)
    const revoked = await call('/api/me', bearer)
    expect(revoked.status).toBe(401)
    expect(revoked.headers.get('www-authenticate')).toBe('Bearer')
  })

  it("cannot revoke someone else's token", async () => {
    const ada = await signUp('Ada')
    const bob = await signUp('Bob')
    const { id } = (await (await send(ada, 'POST', '/api/me/tokens', { name: 'mine' })).json()) as {
      id: string
    }
    expect((await send(bob, 'DELETE', `/api/me/tokens/${id}`)).status).toBe(404)
  })
})

describe('profiles', () => {
  it('shows display name and school to others, never the email', async () => {
    const ada = await signUp('Ada', { school: 'Hilltop Primary' })
    const bob = await signUp('Bob')
    const res = await send(bob, 'GET', `/api/users/${ada.id}`)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ id: ada.id, displayName: 'Ada', school: 'Hilltop Primary' })
    expect(text).not.toContain(ada.email)
  })
})
