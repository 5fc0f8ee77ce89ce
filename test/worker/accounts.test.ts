/** Accounts: sign-up, sign-in and out, sessions, API tokens, profiles and the sign-in rate limit. */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, freshAddress, send, sessionCookie, signUp } from './helpers.ts'
import { emailsTo, tokenSentTo } from './outbox.ts'

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress(), ...headers },
  body: JSON.stringify(body),
})

describe('sign-up, sign-in and sign-out', () => {
  it('signs up through an emailed one-use link, with a hashed password and a __Host- session cookie', async () => {
    const asked = await call(
      '/api/auth/signup',
      json({
        email: 'Ada@School.test',
        password: 'a long enough password',
        displayName: 'Ada',
        school: 'Hilltop Primary',
      }),
    )
    expect(asked.status).toBe(202)
    // No session until the link is followed (a D1 bookmark cookie follows every write).
    expect(asked.headers.get('set-cookie') ?? '').not.toMatch(/__Host-session=/)
    const token = tokenSentTo('ada@school.test', '/signup/confirm')
    const res = await call('/api/auth/signup/confirm', json({ token }))
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
    const session = /__Host-session=([^;]+)/.exec(cookie)?.[1] ?? ''
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE token_hash = ?')
      .bind(session)
      .first<{ n: number }>()
    expect(stored?.n).toBe(0) // only the SHA-256 is stored
    const tokens = await env.DB.prepare(
      'SELECT count(*) AS n FROM account_tokens WHERE token_hash = ?',
    )
      .bind(token)
      .first<{ n: number }>()
    expect(tokens?.n).toBe(0) // nor is the emailed token
    // The link works once.
    expect((await call('/api/auth/signup/confirm', json({ token }))).status).toBe(400)
  })

  it('answers a sign-up for a registered email exactly as for a new one, and emails its owner instead', async () => {
    const ada = await signUp('Ada')
    const fresh = `fresh.${crypto.randomUUID().slice(0, 8)}@school.test`
    const attempt = (email: string) =>
      call(
        '/api/auth/signup',
        json({ email, password: 'another long password', displayName: 'Imposter' }),
      )
    const registered = await attempt(ada.email.toUpperCase())
    const unregistered = await attempt(fresh)
    expect(registered.status).toBe(202)
    expect(unregistered.status).toBe(202)
    const strip = (body: { detail: string }, email: string) => body.detail.replace(email, 'EMAIL')
    expect(strip(await registered.json(), ada.email)).toBe(strip(await unregistered.json(), fresh))
    expect(registered.headers.get('set-cookie') ?? '').not.toMatch(/__Host-session=/)
    const note = emailsTo(ada.email).at(-1)
    expect(note?.subject).toMatch(/already have an account/)
    expect(note?.text).not.toMatch(/token=/)
    expect(emailsTo(fresh).at(-1)?.text).toMatch(/\/signup\/confirm\?token=mbv_/)
  })

  it('refuses a sign-up link that has expired', async () => {
    const email = `late.${crypto.randomUUID().slice(0, 8)}@school.test`
    await call(
      '/api/auth/signup',
      json({ email, password: 'a long enough password', displayName: 'Late' }),
    )
    const token = tokenSentTo(email, '/signup/confirm')
    await env.DB.prepare(
      "UPDATE account_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE email = ?",
    )
      .bind(email)
      .run()
    const res = await call('/api/auth/signup/confirm', json({ token }))
    expect(res.status).toBe(400)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/expired/)
  })

  it.for([
    ['aaaaaaaaaa', /repeated characters/],
    ['password123', /commonly used password/],
    ['1234567890', /most used passwords/],
    ['qwertyuiopas', /keyboard|most used|commonly used/],
    ['Password2024!', /close to a commonly used password/],
  ] as const)('refuses the guessable password %s, saying why', async ([password, why]) => {
    const res = await call(
      '/api/auth/signup',
      json({
        email: `weak.${crypto.randomUUID().slice(0, 8)}@school.test`,
        password,
        displayName: 'Weak',
      }),
    )
    expect(res.status).toBe(400)
    const { errors } = (await res.json()) as { errors: { field: string; message: string }[] }
    expect(errors).toHaveLength(1)
    expect(errors[0]?.field).toBe('password')
    expect(errors[0]?.message).toMatch(/^is too easy to guess: /)
    expect(errors[0]?.message).toMatch(why)
  })

  it('refuses a password made of the email and name it is signed up with', async () => {
    const res = await call(
      '/api/auth/signup',
      json({
        email: 'ada.lovelace@school.test',
        password: 'ada.lovelace1',
        displayName: 'Ada Lovelace',
      }),
    )
    expect(res.status).toBe(400)
    const { errors } = (await res.json()) as { errors: { field: string; message: string }[] }
    expect(errors).toEqual([
      { in: 'body', field: 'password', message: expect.stringMatching(/your name, your email/) },
    ])
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
    // the clock, and no more than 10 may pass in any one window. A different email each time,
    // so only the per-address limit is met.
    const statuses: number[] = []
    let limited: Response | undefined
    for (let i = 0; i < 25 && !limited; i++) {
      const res = await call(
        '/api/auth/signin',
        json(
          {
            email: `x${i}.${crypto.randomUUID().slice(0, 8)}@school.test`,
            password: 'wrong password',
          },
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

  it('rate-limits sign-in per account, however many addresses the guesses come from', async () => {
    const ada = await signUp('Ada')
    const statuses: number[] = []
    let limited: Response | undefined
    // At most 5 a minute per account: 13 tries over-run a window whatever the clock.
    for (let i = 0; i < 13 && !limited; i++) {
      const res = await call(
        '/api/auth/signin',
        json({ email: ada.email, password: `guess number ${i}` }),
      )
      statuses.push(res.status)
      if (res.status === 429) limited = res
    }
    expect(limited?.headers.get('retry-after')).toBe('60')
    expect(((await limited?.json()) as { detail: string }).detail).toMatch(/this account/)
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(5)
    // An address nobody has is limited just the same, so a 429 does not reveal an account.
    const nobody = `nobody.${crypto.randomUUID().slice(0, 8)}@school.test`
    const other: number[] = []
    for (let i = 0; i < 13 && !other.includes(429); i++)
      other.push(
        (await call('/api/auth/signin', json({ email: nobody, password: `guess ${i}` }))).status,
      )
    expect(other).toContain(429)
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
