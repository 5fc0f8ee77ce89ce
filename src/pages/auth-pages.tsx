/**
 * Sign-up, sign-in and sign-out pages. Plain HTML forms (they work without JavaScript), checked
 * by the same zod schemas and query functions as the API.
 */
import { Hono } from 'hono'
import { checkEmailMessage, startSignup } from '../accounts/account-flows.ts'
import * as accounts from '../accounts/accounts.queries.ts'
import { SigninInput, SignupInput } from '../accounts/accounts.routes.ts'
import { clearSessionCookie, sessionToken, setSessionCookie } from '../accounts/identify.ts'
import type { AppEnv } from '../lib/context.ts'
import { limitSignIn } from '../accounts/throttle.ts'
import { getDb } from '../lib/db.ts'
import { FormErrors } from './form-errors.tsx'
import { formValues, parseForm } from './forms.ts'
import { Layout } from './layout.tsx'

export const authPages = new Hono<AppEnv>()

/** A same-site path to go back to after signing in; anything else goes home. */
export const safeNext = (next: unknown) =>
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
      <FormErrors errors={props.errors} />
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
      <label for="password">
        Password{signup && ' (at least 10 characters; a short phrase of unrelated words is good)'}
      </label>
      <input
        id="password"
        name="password"
        type="password"
        required
        minlength={signup ? 10 : undefined}
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
            New here? <a href="/signup">Sign up</a> ·{' '}
            <a href="/password-reset">Forgotten your password?</a>
          </>
        )}
      </p>
    </form>
  )
}

authPages.get('/signin', (c) =>
  c.html(
    <Layout title="Sign in" user={c.get('user')} maths={false}>
      <h1>Sign in</h1>
      <AuthForm mode="signin" next={safeNext(c.req.query('next'))} />
    </Layout>,
  ),
)

authPages.post('/signin', async (c) => {
  const { next, ...values } = await formValues(c)
  await limitSignIn(c, values.email ?? '')
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

authPages.get('/signup', (c) =>
  c.html(
    <Layout title="Sign up" user={c.get('user')} maths={false}>
      <h1>Sign up</h1>
      <p class="muted">For teachers. No pupil data is ever stored here.</p>
      <AuthForm mode="signup" next={safeNext(c.req.query('next'))} />
    </Layout>,
  ),
)

// The same page follows whether or not the address has an account: the email says which.
authPages.post('/signup', async (c) => {
  const { next, ...values } = await formValues(c)
  const parsed = parseForm(SignupInput, { ...values, school: values.school?.trim() || undefined })
  if (!parsed.data) {
    return c.html(
      <Layout title="Sign up" user={null} maths={false}>
        <h1>Sign up</h1>
        <AuthForm
          mode="signup"
          errors={parsed.errors}
          values={{ ...values, password: '' }}
          next={safeNext(next)}
        />
      </Layout>,
      400,
    )
  }
  await startSignup(c, parsed.data)
  return c.html(
    <Layout title="Check your email" user={null} maths={false}>
      <h1>Check your email</h1>
      <p role="status">{checkEmailMessage(parsed.data.email)}</p>
      <p class="muted">
        The link works once, for 24 hours. Nothing arrived? Check spam, or sign up again.
      </p>
    </Layout>,
  )
})

authPages.post('/signout', async (c) => {
  const token = sessionToken(c)
  if (token) await accounts.endSession(getDb(c.env.DB), token)
  clearSessionCookie(c)
  return c.redirect('/', 303)
})
