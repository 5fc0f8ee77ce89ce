/**
 * The account changes that go through email or the password: resetting a forgotten password,
 * changing it, moving the account to a new address, and ending sessions (tokens too, if asked).
 */
import { describe, expect, it } from 'vitest'
import { call, postJson, send, sessionCookie, signUp } from './helpers.ts'
import { emailsTo, tokenSentTo } from './outbox.ts'

const signIn = (email: string, password: string) =>
  postJson('/api/auth/signin', { email, password })

describe('password reset', () => {
  it('emails a one-use link; setting the new password ends every session', async () => {
    const ada = await signUp('Ada')
    const asked = await postJson('/api/auth/password-reset', { email: ada.email.toUpperCase() })
    expect(asked.status).toBe(202)
    const token = tokenSentTo(ada.email, '/password-reset/confirm')
    expect(token).toMatch(/^mbr_/)
    const res = await postJson('/api/auth/password-reset/confirm', {
      token,
      password: 'lighthouse marmalade orbit',
    })
    expect(res.status).toBe(204)
    expect((await send(ada, 'GET', '/api/me')).status).toBe(401)
    expect((await signIn(ada.email, ada.password)).status).toBe(401)
    expect((await signIn(ada.email, 'lighthouse marmalade orbit')).status).toBe(200)
    const again = await postJson('/api/auth/password-reset/confirm', {
      token,
      password: 'another fresh passphrase',
    })
    expect(again.status).toBe(400)
  })

  it('answers the same for an address with no account, and sends it nothing', async () => {
    const ada = await signUp('Ada')
    const nobody = `nobody.${crypto.randomUUID().slice(0, 8)}@school.test`
    const known = await postJson('/api/auth/password-reset', { email: ada.email })
    const unknown = await postJson('/api/auth/password-reset', { email: nobody })
    expect([known.status, unknown.status]).toEqual([202, 202])
    const strip = (b: { detail: string }, e: string) => b.detail.replace(e, 'EMAIL')
    expect(strip(await known.json(), ada.email)).toBe(strip(await unknown.json(), nobody))
    expect(emailsTo(nobody)).toEqual([])
  })

  it('refuses a guessable new password, and only the latest link works', async () => {
    const ada = await signUp('Ada')
    await postJson('/api/auth/password-reset', { email: ada.email })
    const first = tokenSentTo(ada.email, '/password-reset/confirm')
    await postJson('/api/auth/password-reset', { email: ada.email })
    const second = tokenSentTo(ada.email, '/password-reset/confirm')
    const weak = await postJson('/api/auth/password-reset/confirm', {
      token: second,
      password: 'aaaaaaaaaa',
    })
    expect(weak.status).toBe(400)
    const old = await postJson('/api/auth/password-reset/confirm', {
      token: first,
      password: 'lighthouse marmalade orbit',
    })
    expect(old.status).toBe(400)
    const ok = await postJson('/api/auth/password-reset/confirm', {
      token: second,
      password: 'lighthouse marmalade orbit',
    })
    expect(ok.status).toBe(204)
  })
})

describe('PUT /api/me/password', () => {
  it('changes the password with the current one and ends every other session', async () => {
    const ada = await signUp('Ada')
    const other = { cookie: sessionCookie(await signIn(ada.email, ada.password)) }
    const wrong = await send(ada, 'PUT', '/api/me/password', {
      currentPassword: 'not my password',
      newPassword: 'lighthouse marmalade orbit',
    })
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
      'currentPassword',
    )
    const res = await send(ada, 'PUT', '/api/me/password', {
      currentPassword: ada.password,
      newPassword: 'lighthouse marmalade orbit',
    })
    expect(res.status).toBe(204)
    expect((await send(other, 'GET', '/api/me')).status).toBe(401)
    expect((await send(ada, 'GET', '/api/me')).status).toBe(200)
    expect((await signIn(ada.email, 'lighthouse marmalade orbit')).status).toBe(200)
  })

  it('refuses a new password built from the account’s own name', async () => {
    const ada = await signUp('Hypatia Alexandria')
    const res = await send(ada, 'PUT', '/api/me/password', {
      currentPassword: ada.password,
      newPassword: 'hypatia alexandria',
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toMatch(/your name, your email/)
  })
})

describe('changing the email address', () => {
  it('changes only once the link sent to the new address is followed, and tells the old one', async () => {
    const ada = await signUp('Ada')
    const moved = `ada.moved.${crypto.randomUUID().slice(0, 8)}@school.test`
    const res = await send(ada, 'POST', '/api/me/email', { email: moved, password: ada.password })
    expect(res.status).toBe(202)
    expect(((await (await send(ada, 'GET', '/api/me')).json()) as { email: string }).email).toBe(
      ada.email,
    )
    expect(emailsTo(ada.email).at(-1)?.text).toContain(moved)
    const token = tokenSentTo(moved, '/account/email/confirm')
    expect((await postJson('/api/auth/email-change/confirm', { token })).status).toBe(204)
    expect(((await (await send(ada, 'GET', '/api/me')).json()) as { email: string }).email).toBe(
      moved,
    )
    expect((await signIn(moved, ada.password)).status).toBe(200)
    expect((await postJson('/api/auth/email-change/confirm', { token })).status).toBe(400)
  })

  it('needs the password, and says nothing about whether the new address has an account', async () => {
    const ada = await signUp('Ada')
    const bob = await signUp('Bob')
    const noPassword = await send(ada, 'POST', '/api/me/email', {
      email: `x.${crypto.randomUUID().slice(0, 8)}@school.test`,
      password: 'wrong password!',
    })
    expect(noPassword.status).toBe(400)
    const taken = await send(ada, 'POST', '/api/me/email', {
      email: bob.email,
      password: ada.password,
    })
    expect(taken.status).toBe(202)
    expect(emailsTo(bob.email).at(-1)?.subject).toMatch(/already have an account/)
    expect(() => tokenSentTo(bob.email, '/account/email/confirm')).toThrow()
  })
})

describe('DELETE /api/me/sessions?revokeTokens=true', () => {
  it('ends the other sessions and revokes every API token', async () => {
    const ada = await signUp('Ada')
    const { token } = (await (
      await send(ada, 'POST', '/api/me/tokens', { name: 'sync' })
    ).json()) as {
      token: string
    }
    const kept = await send(ada, 'DELETE', '/api/me/sessions')
    expect(await kept.json()).toEqual({ ended: 0 })
    const bearer = { headers: { authorization: `Bearer ${token}` } }
    expect((await call('/api/me', bearer)).status).toBe(200)
    const res = await send(ada, 'DELETE', '/api/me/sessions?revokeTokens=true')
    expect(await res.json()).toEqual({ ended: 0, revokedTokens: 1 })
    expect((await call('/api/me', bearer)).status).toBe(401)
    expect((await send(ada, 'GET', '/api/me')).status).toBe(200)
  })
})
