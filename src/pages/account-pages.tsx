/**
 * Sign-up, sign-in and workgroup pages. Plain HTML forms (they work without JavaScript), checked
 * by the same zod schemas and query functions as the API.
 */
import { Hono } from 'hono'
import type { Context } from 'hono'
import * as accounts from '../accounts/accounts.queries.ts'
import { SigninInput, SignupInput } from '../accounts/accounts.routes.ts'
import { clearSessionCookie, sessionToken, setSessionCookie } from '../lib/auth.ts'
import type { AppEnv } from '../lib/create-app.ts'
import { getDb } from '../lib/db.ts'
import { limitRate } from '../lib/rate-limit.ts'
import * as workgroups from '../workgroups/workgroups.queries.ts'
import { formValues } from './forms.ts'
import { Layout } from './layout.tsx'

export const accountPages = new Hono<AppEnv>()

/** A same-site path to go back to after signing in; anything else goes home. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?!\/)[\w\-/?=&.%]*$/.test(next) ? next : '/'

function AuthForm(props: {
  mode: 'signin' | 'signup'
  errors?: string[]
  values?: Record<string, string>
  next?: string
}) {
  const signup = props.mode === 'signup'
  return (
    <form
      method="post"
      action={signup ? '/signup' : '/signin'}
      class="card"
      style="max-width:28rem"
    >
      {props.errors && props.errors.length > 0 && (
        <div role="alert" class="error">
          <ul>
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <input type="hidden" name="next" value={props.next ?? '/'} />
      {signup && (
        <>
          <label for="displayName">Display name</label>
          <input
            id="displayName"
            name="displayName"
            type="text"
            required
            autocomplete="name"
            value={props.values?.displayName ?? ''}
          />
          <label for="school">School (optional)</label>
          <input
            id="school"
            name="school"
            type="text"
            autocomplete="organization"
            value={props.values?.school ?? ''}
          />
        </>
      )}
      <label for="email">Email</label>
      <input
        id="email"
        name="email"
        type="email"
        required
        autocomplete="email"
        value={props.values?.email ?? ''}
      />
      <label for="password">Password{signup && ' (at least 10 characters)'}</label>
      <input
        id="password"
        name="password"
        type="password"
        required
        autocomplete={signup ? 'new-password' : 'current-password'}
      />
      <p>
        <button type="submit">{signup ? 'Sign up' : 'Sign in'}</button>
      </p>
      <p class="muted">
        {signup ? (
          <>
            Already have an account? <a href="/signin">Sign in</a>
          </>
        ) : (
          <>
            New here? <a href="/signup">Sign up</a>
          </>
        )}
      </p>
    </form>
  )
}

accountPages.get('/signin', (c) =>
  c.html(
    <Layout title="Sign in" user={c.get('user')} maths={false}>
      <h1>Sign in</h1>
      <AuthForm mode="signin" next={safeNext(c.req.query('next'))} />
    </Layout>,
  ),
)

accountPages.post('/signin', async (c) => {
  await limitRate(c, 'sign-in')
  const { next, ...values } = await formValues(c)
  const parsed = SigninInput.safeParse({
    email: values.email ?? '',
    password: values.password ?? '',
  })
  const user = parsed.success
    ? await accounts.checkCredentials(getDb(c.env.DB), parsed.data.email, parsed.data.password)
    : null
  if (!user) {
    return c.html(
      <Layout title="Sign in" user={null} maths={false}>
        <h1>Sign in</h1>
        <AuthForm
          mode="signin"
          errors={['Email or password is incorrect.']}
          values={{ email: values.email ?? '' }}
          next={safeNext(next)}
        />
      </Layout>,
      401,
    )
  }
  setSessionCookie(
    c,
    await accounts.createSession(getDb(c.env.DB), user.id, c.req.header('user-agent') ?? null),
  )
  return c.redirect(safeNext(next), 303)
})

accountPages.get('/signup', (c) =>
  c.html(
    <Layout title="Sign up" user={c.get('user')} maths={false}>
      <h1>Sign up</h1>
      <p class="muted">For teachers. No pupil data is ever stored here.</p>
      <AuthForm mode="signup" next={safeNext(c.req.query('next'))} />
    </Layout>,
  ),
)

accountPages.post('/signup', async (c) => {
  await limitRate(c, 'sign-up')
  const { next, ...values } = await formValues(c)
  const parsed = SignupInput.safeParse({ ...values, school: values.school?.trim() || undefined })
  let errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${String(i.path[0] ?? 'form')}: ${i.message}`)
  let userId: string | null = null
  if (parsed.success) {
    userId = await accounts.createUser(getDb(c.env.DB), parsed.data)
    if (!userId) errors = ['That email already has an account; sign in instead.']
  }
  if (!userId) {
    return c.html(
      <Layout title="Sign up" user={null} maths={false}>
        <h1>Sign up</h1>
        <AuthForm
          mode="signup"
          errors={errors}
          values={{ ...values, password: '' }}
          next={safeNext(next)}
        />
      </Layout>,
      400,
    )
  }
  setSessionCookie(
    c,
    await accounts.createSession(getDb(c.env.DB), userId, c.req.header('user-agent') ?? null),
  )
  return c.redirect(safeNext(next), 303)
})

accountPages.post('/signout', async (c) => {
  const token = sessionToken(c)
  if (token) await accounts.endSession(getDb(c.env.DB), token)
  clearSessionCookie(c)
  return c.redirect('/', 303)
})

/** Pages that need a signed-in teacher send others to sign in first, then back. */
function signedIn(c: Context<AppEnv>) {
  const user = c.get('user')
  if (user) return user
  const url = new URL(c.req.url)
  return c.redirect(`/signin?next=${encodeURIComponent(url.pathname)}`, 303)
}

accountPages.get('/workgroups', async (c) => {
  const user = signedIn(c)
  if (user instanceof Response) return user
  const mine = await workgroups.listMyWorkgroups(getDb(c.env.DB), user.id)
  return c.html(
    <Layout title="My workgroups" user={user} maths={false}>
      <h1>My workgroups</h1>
      {mine.length === 0 && (
        <p>You are not in a workgroup yet. Start one, or ask a colleague for an invite link.</p>
      )}
      <ul class="results">
        {mine.map((wg) => (
          <li class="card">
            <a href={`/workgroups/${wg.id}`}>{wg.name}</a>{' '}
            <span class="muted">
              {wg.role} · {wg.memberCount} {wg.memberCount === 1 ? 'member' : 'members'}
            </span>
          </li>
        ))}
      </ul>
      <h2>Start a workgroup</h2>
      <form method="post" action="/workgroups" class="card" style="max-width:32rem">
        <label for="wg-name">Name</label>
        <input
          id="wg-name"
          name="name"
          type="text"
          required
          minlength={3}
          maxlength={120}
          placeholder="Y5 fractions work group, Cambridge"
        />
        <label for="wg-description">What it is for (optional)</label>
        <textarea id="wg-description" name="description" maxlength={2000} />
        <p>
          <button type="submit">Create</button>
        </p>
      </form>
    </Layout>,
  )
})

accountPages.post('/workgroups', async (c) => {
  const user = signedIn(c)
  if (user instanceof Response) return user
  const { name = '', description = '' } = await formValues(c)
  if (name.trim().length < 3) return c.redirect('/workgroups', 303)
  const id = await workgroups.createWorkgroup(getDb(c.env.DB), user.id, {
    name: name.trim().slice(0, 120),
    description: description.trim().slice(0, 2000),
  })
  return c.redirect(`/workgroups/${id}`, 303)
})

async function workgroupPage(c: Context<AppEnv>, invite?: { code: string; expiresAt: string }) {
  const user = signedIn(c)
  if (user instanceof Response) return user
  const db = getDb(c.env.DB)
  const id = c.req.param('id') ?? ''
  const role = await workgroups.requireWorkgroupRole(db, id, user.id, 'member')
  const [wg, members] = await Promise.all([
    workgroups.getWorkgroup(db, id),
    workgroups.listMembers(db, id),
  ])
  if (!wg) return c.notFound()
  const origin = new URL(c.req.url).origin
  return c.html(
    <Layout title={wg.name} user={user} maths={false}>
      <h1>{wg.name}</h1>
      {wg.description && <p>{wg.description}</p>}
      <p class="muted">Private: only members see this workgroup. You are a {role}.</p>
      <p>
        <a href={`/workgroups/${id}/evidence`}>Class evidence and enquiries</a>
      </p>
      <h2>Members</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">School</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr>
              <td>{m.displayName}</td>
              <td>{m.school ?? '—'}</td>
              <td>{m.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {role === 'lead' && (
        <>
          <h2>Invite colleagues</h2>
          {invite ? (
            <div class="card" role="status">
              <p>
                Share this link (it works once per colleague until {invite.expiresAt.slice(0, 10)};
                it is shown only now):
              </p>
              <p>
                <code>{`${origin}/join/${invite.code}`}</code>
              </p>
            </div>
          ) : (
            <form method="post" action={`/workgroups/${id}/invites`}>
              <button type="submit">Create an invite link (valid 7 days)</button>
            </form>
          )}
        </>
      )}
    </Layout>,
  )
}

accountPages.get('/workgroups/:id', (c) => workgroupPage(c))

accountPages.post('/workgroups/:id/invites', async (c) => {
  const user = signedIn(c)
  if (user instanceof Response) return user
  const id = c.req.param('id')
  const db = getDb(c.env.DB)
  await workgroups.requireWorkgroupRole(db, id, user.id, 'lead')
  const invite = await workgroups.createInvite(db, user.id, id, 7)
  c.header('cache-control', 'no-store')
  return workgroupPage(c, invite)
})

accountPages.get('/join/:code', (c) => {
  const user = signedIn(c)
  if (user instanceof Response) return user
  return c.html(
    <Layout title="Join a workgroup" user={user} maths={false}>
      <h1>Join a workgroup</h1>
      <form method="post" action={`/join/${encodeURIComponent(c.req.param('code'))}`}>
        <p>You have been invited to a workgroup.</p>
        <button type="submit">Join</button>
      </form>
    </Layout>,
  )
})

accountPages.post('/join/:code', async (c) => {
  const user = signedIn(c)
  if (user instanceof Response) return user
  const id = await workgroups.acceptInvite(getDb(c.env.DB), user.id, c.req.param('code'))
  return c.redirect(`/workgroups/${id}`, 303)
})
