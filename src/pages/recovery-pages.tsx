/**
 * The pages emailed links open: finishing a sign-up, resetting a password, confirming a new
 * email address. Each link opens a page with a button, and only the POST uses the token, so a
 * mail scanner that fetches every link cannot use it up. Plain forms; no JavaScript needed.
 */
import { Hono } from 'hono'
import type { Child } from 'hono/jsx'
import * as flows from '../accounts/account-flows.ts'
import {
  EmailChangeConfirmInput,
  PasswordResetConfirmInput,
  PasswordResetInput,
  SignupConfirmInput,
} from '../accounts/recovery.routes.ts'
import type { AppEnv } from '../lib/context.ts'
import { FormErrors } from './form-errors.tsx'
import { formAction, formValues, parseForm } from './forms.ts'
import { Layout } from './layout.tsx'

export const recoveryPages = new Hono<AppEnv>()

function Page(props: { title: string; user?: null; children: Child }) {
  return (
    <Layout title={props.title} user={null} maths={false}>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  )
}

/** A form that posts the link's token back, with whatever else the step needs. */
function TokenForm(props: {
  action: string
  token: string
  button: string
  errors?: string[] | null
  children?: Child
}) {
  return (
    <form method="post" action={props.action} class="card" style="max-width:28rem">
      <FormErrors errors={props.errors ?? undefined} />
      <input type="hidden" name="token" value={props.token} />
      {props.children}
      <p>
        <button type="submit">{props.button}</button>
      </p>
    </form>
  )
}

const tokenOf = (c: { req: { query: (k: string) => string | undefined } }) =>
  (c.req.query('token') ?? '').slice(0, 100)

recoveryPages.get('/signup/confirm', (c) =>
  c.html(
    <Page title="Finish signing up">
      <TokenForm action="/signup/confirm" token={tokenOf(c)} button="Make my account" />
    </Page>,
  ),
)

recoveryPages.post('/signup/confirm', async (c) => {
  const values = await formValues(c)
  const parsed = parseForm(SignupConfirmInput, { token: values.token ?? '' })
  const errors = parsed.data
    ? await formAction(() => flows.finishSignup(c, parsed.data.token))
    : parsed.errors
  if (!errors) return c.redirect('/account?welcome=1', 303)
  return c.html(
    <Page title="Finish signing up">
      <FormErrors errors={errors} />
      <p>
        <a href="/signup">Sign up again</a> or <a href="/signin">sign in</a>.
      </p>
    </Page>,
    400,
  )
})

function ResetRequestForm(props: { errors?: string[] }) {
  return (
    <form method="post" action="/password-reset" class="card" style="max-width:28rem">
      <FormErrors errors={props.errors} />
      <label for="email">Your account's email</label>
      <input id="email" name="email" type="email" required autocomplete="email" />
      <p>
        <button type="submit">Email me a link</button>
      </p>
    </form>
  )
}

recoveryPages.get('/password-reset', (c) =>
  c.html(
    <Page title="Reset your password">
      <ResetRequestForm />
    </Page>,
  ),
)

recoveryPages.post('/password-reset', async (c) => {
  const parsed = parseForm(PasswordResetInput, { email: (await formValues(c)).email ?? '' })
  if (!parsed.data)
    return c.html(
      <Page title="Reset your password">
        <ResetRequestForm errors={parsed.errors} />
      </Page>,
      400,
    )
  await flows.requestPasswordReset(c, parsed.data.email)
  return c.html(
    <Page title="Check your email">
      <p role="status">{flows.checkEmailMessage(parsed.data.email)}</p>
      <p class="muted">
        A link is sent only if the address has an account. It works once, for an hour.
      </p>
    </Page>,
  )
})

function NewPasswordForm(props: { token: string; errors?: string[] | null }) {
  return (
    <TokenForm
      action="/password-reset/confirm"
      token={props.token}
      button="Set my new password"
      errors={props.errors}
    >
      <label for="password">
        New password (at least 10 characters; a short phrase of unrelated words is good)
      </label>
      <input
        id="password"
        name="password"
        type="password"
        required
        minlength={10}
        autocomplete="new-password"
      />
      <p class="muted">Setting it signs you out everywhere.</p>
    </TokenForm>
  )
}

recoveryPages.get('/password-reset/confirm', (c) =>
  c.html(
    <Page title="Choose a new password">
      <NewPasswordForm token={tokenOf(c)} />
    </Page>,
  ),
)

recoveryPages.post('/password-reset/confirm', async (c) => {
  const values = await formValues(c)
  const parsed = parseForm(PasswordResetConfirmInput, {
    token: values.token ?? '',
    password: values.password ?? '',
  })
  const errors = parsed.data
    ? await formAction(() =>
        flows.completePasswordReset(c, parsed.data.token, parsed.data.password),
      )
    : parsed.errors
  if (!errors) return c.redirect('/signin?reset=1', 303)
  return c.html(
    <Page title="Choose a new password">
      <NewPasswordForm token={(values.token ?? '').slice(0, 100)} errors={errors} />
    </Page>,
    400,
  )
})

recoveryPages.get('/account/email/confirm', (c) =>
  c.html(
    <Page title="Confirm your new email address">
      <TokenForm action="/account/email/confirm" token={tokenOf(c)} button="Use this address" />
    </Page>,
  ),
)

recoveryPages.post('/account/email/confirm', async (c) => {
  const parsed = parseForm(EmailChangeConfirmInput, { token: (await formValues(c)).token ?? '' })
  const errors = parsed.data
    ? await formAction(() => flows.confirmEmailChange(c, parsed.data.token))
    : parsed.errors
  if (!errors) return c.redirect('/account?email=changed', 303)
  return c.html(
    <Page title="Confirm your new email address">
      <FormErrors errors={errors} />
    </Page>,
    400,
  )
})
