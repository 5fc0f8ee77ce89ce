/**
 * The account page and the sign-up page as a browser without JavaScript uses them: plain form
 * posts, errors shown inline beside the form they belong to.
 */
import { describe, expect, it } from 'vitest'
import { teachers } from './fixtures.ts'
import { call, signUp, submitForm } from './helpers.ts'
import { emailsTo } from './outbox.ts'

const form = (path: string, fields: Record<string, string>, cookie?: string) =>
  submitForm(path, fields, cookie ? { cookie } : undefined)

/** The text of the inline alert inside one section of the account page. */
function alertIn(html: string, section: string) {
  const part = html.split(`id="${section}"`)[1]?.split('</section>')[0] ?? ''
  return /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(part)?.[1] ?? null
}

describe('/account', () => {
  it('sends someone signed out to sign in first', async () => {
    const res = await call('/account', { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/signin?next=%2Faccount')
  })

  it('shows profile, email, password, sessions, tokens, export and delete', async () => {
    const { ada } = await teachers(['ada'])
    const res = await call('/account', { headers: { cookie: ada.cookie } })
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const id of ['profile', 'email', 'password', 'sessions', 'tokens', 'export', 'delete'])
      expect(html).toContain(`id="${id}"`)
    expect(html).toContain(ada.email)
    expect(html).toContain('href="/api/me/export"')
    expect(html).toMatch(/Never write a pupil&#39;s name|Never write a pupil's name/)
  })

  it('refuses a guessable new password inline, saying why', async () => {
    const { ada } = await teachers(['ada'])
    const res = await form(
      '/account/password',
      { currentPassword: ada.password, newPassword: 'aaaaaaaaaa' },
      ada.cookie,
    )
    expect(res.status).toBe(400)
    expect(alertIn(await res.text(), 'password')).toMatch(/too easy to guess: repeated characters/)
  })

  it('says inline when the current password is wrong', async () => {
    const { ada } = await teachers(['ada'])
    const res = await form(
      '/account/password',
      { currentPassword: 'not it at all', newPassword: 'lighthouse marmalade orbit' },
      ada.cookie,
    )
    expect(res.status).toBe(400)
    expect(alertIn(await res.text(), 'password')).toMatch(/currentPassword: is not your current/)
  })

  it('makes a token shown once, and revokes it', async () => {
    const { ada } = await teachers(['ada'])
    const made = await (await form('/account/tokens', { name: 'Moodle sync' }, ada.cookie)).text()
    const token = /<code>(mbt_[\w-]+)<\/code>/.exec(made)?.[1]
    expect(token).toBeTruthy()
    const again = await (await call('/account', { headers: { cookie: ada.cookie } })).text()
    expect(again).toContain('Moodle sync')
    expect(again).not.toContain(token)
    const id = /action="\/account\/tokens\/([\w-]+)\/revoke"/.exec(again)?.[1] ?? ''
    expect((await form(`/account/tokens/${id}/revoke`, {}, ada.cookie)).status).toBe(200)
    expect((await call('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    )
  })

  it('deletes the account with the password, and not without it', async () => {
    const { ada } = await teachers(['ada'])
    const wrong = await form('/account/delete', { password: 'not it at all' }, ada.cookie)
    expect(wrong.status).toBe(400)
    expect(alertIn(await wrong.text(), 'delete')).toMatch(/not your current password/)
    const res = await form('/account/delete', { password: ada.password }, ada.cookie)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/?account=deleted')
    expect((await call('/api/me', { headers: { cookie: ada.cookie } })).status).toBe(401)
  })
})

describe('the sign-up page', () => {
  it('shows why a guessable password is refused, beside the form', async () => {
    const res = await form('/signup', {
      displayName: 'Ada',
      email: `ada.${crypto.randomUUID().slice(0, 8)}@school.test`,
      password: 'password123',
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toMatch(
      /password: is too easy to guess: it is a commonly used password/,
    )
  })

  it('shows the same page for a registered email as for a new one', async () => {
    const ada = await signUp('Ada')
    const fresh = `new.${crypto.randomUUID().slice(0, 8)}@school.test`
    const page = async (email: string) =>
      (
        await (
          await form('/signup', { displayName: 'X', email, password: 'a long enough password' })
        ).text()
      ).replace(email, 'EMAIL')
    expect(await page(ada.email)).toBe(await page(fresh))
    expect(emailsTo(ada.email).at(-1)?.subject).toMatch(/already have an account/)
  })
})
