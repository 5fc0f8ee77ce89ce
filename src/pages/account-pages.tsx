/**
 * The account page (`/account`): profile, password, email, sessions, API tokens, export and
 * deletion. Plain forms that work without JavaScript, checked by the API's own schemas and
 * carried out by the same functions; each form's errors are shown inline, beside it.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import * as flows from '../accounts/account-flows.ts'
import { deleteAccount } from '../accounts/account-data.queries.ts'
import * as accounts from '../accounts/accounts.queries.ts'
import { CreateTokenInput, UpdateProfileInput } from '../accounts/accounts.routes.ts'
import { clearSessionCookie } from '../accounts/identify.ts'
import { DeleteAccountInput } from '../accounts/my-data.routes.ts'
import { ChangeEmailInput, ChangePasswordInput } from '../accounts/recovery.routes.ts'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { FormErrors } from './form-errors.tsx'
import { formAction, formValues, parseForm } from './forms.ts'
import { Layout } from './layout.tsx'

export const accountPages = new Hono<AppEnv>()

type Section = 'profile' | 'password' | 'email' | 'sessions' | 'tokens' | 'export' | 'delete'

interface Outcome {
  errors?: Partial<Record<Section, string[]>>
  notice?: string
  /** A token just made: its secret is shown this once. */
  newToken?: { name: string; token: string }
}

const NOTICES: Record<string, string> = {
  welcome: 'Welcome: your account is ready.',
  changed: 'Your email address has been changed.',
}

function Part(props: { id: Section; title: string; children: Child }) {
  return (
    <section aria-labelledby={`${props.id}-heading`} class="card" id={props.id}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.children}
    </section>
  )
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : 'never')

async function renderAccount(c: Context<AppEnv>, outcome: Outcome = {}, status: 200 | 400 = 200) {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const [profile, sessions, tokens] = await Promise.all([
    accounts.getOwnProfile(db, user.id),
    accounts.listSessions(db, user.id),
    accounts.listApiTokens(db, user.id),
  ])
  const errors = outcome.errors ?? {}
  c.header('cache-control', 'no-store')
  return c.html(
    <Layout title="Your account" user={user} maths={false}>
      <h1>Your account</h1>
      {outcome.notice && <p role="status">{outcome.notice}</p>}
      <Part id="profile" title="Profile">
        <form method="post" action="/account/profile">
          <FormErrors errors={errors.profile} />
          <label for="displayName">Display name (others see it)</label>
          <input
            id="displayName"
            name="displayName"
            type="text"
            required
            value={profile?.displayName}
          />
          <label for="school">School (optional; others see it)</label>
          <input id="school" name="school" type="text" value={profile?.school ?? ''} />
          <p class="muted">Never write a pupil's name here, or anywhere on this site.</p>
          <button type="submit">Save profile</button>
        </form>
      </Part>
      <Part id="email" title="Email address">
        <p>
          Now: <strong>{profile?.email}</strong>. A new address changes when you follow the link we
          send there.
        </p>
        <form method="post" action="/account/email">
          <FormErrors errors={errors.email} />
          <label for="new-email">New email address</label>
          <input id="new-email" name="email" type="email" required autocomplete="email" />
          <label for="email-password">Your password</label>
          <input
            id="email-password"
            name="password"
            type="password"
            required
            autocomplete="current-password"
          />
          <button type="submit">Send a link to the new address</button>
        </form>
      </Part>
      <Part id="password" title="Password">
        <form method="post" action="/account/password">
          <FormErrors errors={errors.password} />
          <label for="currentPassword">Current password</label>
          <input
            id="currentPassword"
            name="currentPassword"
            type="password"
            required
            autocomplete="current-password"
          />
          <label for="newPassword">
            New password (at least 10 characters; a short phrase of unrelated words is good)
          </label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            required
            minlength={10}
            autocomplete="new-password"
          />
          <p class="muted">Changing it signs you out everywhere else.</p>
          <button type="submit">Change password</button>
        </form>
      </Part>
      <Part id="sessions" title="Where you are signed in">
        <table>
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>
                  {s.userAgent ?? 'unknown'}
                  {s.id === user.sessionId && ' (this one)'}
                </td>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action="/account/sessions/end">
          <FormErrors errors={errors.sessions} />
          <label class="inline">
            <input type="checkbox" name="revokeTokens" value="true" /> Revoke all my API tokens too
          </label>
          <p>
            <button type="submit">Sign out everywhere else</button>
          </p>
        </form>
      </Part>
      <Part id="tokens" title="API tokens">
        {outcome.newToken && (
          <div role="status">
            <p>Your new token "{outcome.newToken.name}": copy it now, it is not shown again.</p>
            <p>
              <code>{outcome.newToken.token}</code>
            </p>
          </div>
        )}
        {tokens.length > 0 ? (
          <ul>
            {tokens.map((t) => (
              <li>
                {t.name} · made {when(t.createdAt)} · last used {when(t.lastUsedAt)}
                {t.revokedAt ? (
                  ` · revoked ${when(t.revokedAt)}`
                ) : (
                  <form method="post" action={`/account/tokens/${t.id}/revoke`} class="inline">
                    {' '}
                    <button class="secondary" type="submit">
                      Revoke {t.name}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">
            No tokens yet. Scripts send one as <code>Authorization: Bearer …</code>.
          </p>
        )}
        <form method="post" action="/account/tokens">
          <FormErrors errors={errors.tokens} />
          <label for="token-name">Name of a new token (what it is for)</label>
          <input id="token-name" name="name" type="text" required maxlength={80} />
          <button type="submit">Make a token</button>
        </form>
      </Part>
      <Part id="export" title="Your data">
        <p>
          Everything your account holds — profile, posts with their history, annotations, notes,
          memberships, sets, classes, tallies and enquiries — as one JSON file.
        </p>
        <p>
          <a href="/api/me/export" download>
            Download my data
          </a>
        </p>
      </Part>
      <Part id="delete" title="Delete your account">
        <p>
          Your sessions, tokens, classes and tallies are deleted. Your posts stay in their threads
          as "a former member", with their text removed; a workgroup you lead alone passes to its
          longest-standing member. This cannot be undone.
        </p>
        <form method="post" action="/account/delete">
          <FormErrors errors={errors.delete} />
          <label for="delete-password">Your password</label>
          <input
            id="delete-password"
            name="password"
            type="password"
            required
            autocomplete="current-password"
          />
          <button type="submit" class="danger">
            Delete my account
          </button>
        </form>
      </Part>
    </Layout>,
    status,
  )
}

accountPages.get('/account', (c) => {
  currentUser(c)
  const notice = c.req.query('welcome')
    ? NOTICES.welcome
    : c.req.query('email')
      ? NOTICES.changed
      : undefined
  return renderAccount(c, { notice })
})

/** Check a section's form with its schema, run it, and show the page with the outcome. */
async function handle<T>(
  c: Context<AppEnv>,
  section: Section,
  parsed: { data?: T; errors?: string[] },
  run: (data: T) => Promise<Omit<Outcome, 'errors'> | void>,
) {
  let outcome: Omit<Outcome, 'errors'> | void = undefined
  const errors = parsed.data
    ? await formAction(async () => {
        outcome = await run(parsed.data as T)
      })
    : (parsed.errors ?? [])
  if (errors) return renderAccount(c, { errors: { [section]: errors } }, 400)
  return renderAccount(c, outcome ?? {})
}

accountPages.post('/account/profile', async (c) => {
  const user = currentUser(c)
  const v = await formValues(c)
  const parsed = parseForm(UpdateProfileInput, {
    displayName: v.displayName ?? '',
    school: v.school?.trim() || null,
  })
  return handle(c, 'profile', parsed, async (data) => {
    await accounts.updateProfile(getDb(c.env.DB), user.id, data)
    return { notice: 'Profile saved.' }
  })
})

accountPages.post('/account/password', async (c) => {
  const user = currentUser(c)
  const v = await formValues(c)
  const parsed = parseForm(ChangePasswordInput, {
    currentPassword: v.currentPassword ?? '',
    newPassword: v.newPassword ?? '',
  })
  return handle(c, 'password', parsed, async (data) => {
    await flows.changePassword(c, user, data)
    return { notice: 'Password changed; you are signed out everywhere else.' }
  })
})

accountPages.post('/account/email', async (c) => {
  const user = currentUser(c)
  const v = await formValues(c)
  const parsed = parseForm(ChangeEmailInput, { email: v.email ?? '', password: v.password ?? '' })
  return handle(c, 'email', parsed, async (data) => {
    await flows.requestEmailChange(c, user.id, data)
    return { notice: flows.checkEmailMessage(data.email) }
  })
})

accountPages.post('/account/sessions/end', async (c) => {
  const user = currentUser(c)
  const revoke = (await formValues(c)).revokeTokens === 'true'
  const db = getDb(c.env.DB)
  const ended = await accounts.endOtherSessions(db, user.id, user.sessionId ?? null)
  const revoked = revoke ? await accounts.revokeAllApiTokens(db, user.id) : 0
  return renderAccount(c, {
    notice: `Signed out of ${ended} other session${ended === 1 ? '' : 's'}${revoke ? `; ${revoked} token${revoked === 1 ? '' : 's'} revoked` : ''}.`,
  })
})

accountPages.post('/account/tokens', async (c) => {
  const user = currentUser(c)
  const parsed = parseForm(CreateTokenInput, { name: (await formValues(c)).name ?? '' })
  return handle(c, 'tokens', parsed, async (data) => {
    const made = await accounts.createApiToken(getDb(c.env.DB), user.id, data.name)
    return { newToken: { name: made.name, token: made.token } }
  })
})

accountPages.post('/account/tokens/:tokenId/revoke', async (c) => {
  const user = currentUser(c)
  const revoked = await accounts.revokeApiToken(
    getDb(c.env.DB),
    user.id,
    c.req.param('tokenId').slice(0, 40),
  )
  if (!revoked) return renderAccount(c, { errors: { tokens: ['That token was not found.'] } }, 400)
  return renderAccount(c, { notice: 'Token revoked.' })
})

accountPages.post('/account/delete', async (c) => {
  const user = currentUser(c)
  const parsed = parseForm(DeleteAccountInput, { password: (await formValues(c)).password ?? '' })
  const errors = parsed.data
    ? await formAction(async () => {
        await flows.checkOwnPassword(c, user.id, parsed.data.password, 'password')
        await deleteAccount(getDb(c.env.DB), user.id)
      })
    : parsed.errors
  if (errors) return renderAccount(c, { errors: { delete: errors } }, 400)
  clearSessionCookie(c)
  return c.redirect('/?account=deleted', 303)
})
