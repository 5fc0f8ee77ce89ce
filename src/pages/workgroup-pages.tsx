/**
 * A teacher's workgroups: the list, starting one, a workgroup's page with members and invite
 * links, and joining by invite. Forms are checked by the API's own schemas, errors shown inline.
 */
import { Hono, type Context } from 'hono'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { WorkgroupInput } from '../workgroups/workgroups.routes.ts'
import * as workgroups from '../workgroups/workgroups.queries.ts'
import { FormErrors } from './form-errors.tsx'
import { formValues, parseForm } from './forms.ts'
import { Layout } from './layout.tsx'

export const workgroupPages = new Hono<AppEnv>()

async function workgroupsPage(
  c: Context<AppEnv>,
  form?: { errors: string[]; values: Record<string, string> },
) {
  const user = currentUser(c)
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
        <FormErrors errors={form?.errors} />
        <label for="wg-name">Name</label>
        <input
          id="wg-name"
          name="name"
          type="text"
          required
          minlength={3}
          maxlength={120}
          placeholder="Y5 fractions work group, Cambridge"
          value={form?.values.name ?? ''}
        />
        <label for="wg-description">What it is for (optional)</label>
        <textarea id="wg-description" name="description" maxlength={2000}>
          {form?.values.description ?? ''}
        </textarea>
        <p>
          <button type="submit">Create</button>
        </p>
      </form>
    </Layout>,
    form ? 400 : 200,
  )
}

workgroupPages.get('/workgroups', (c) => workgroupsPage(c))

workgroupPages.post('/workgroups', async (c) => {
  const user = currentUser(c)
  const { name = '', description = '' } = await formValues(c)
  const values = { name, description }
  const parsed = parseForm(WorkgroupInput, {
    name,
    description: description.trim() === '' ? undefined : description,
  })
  if (parsed.errors) return workgroupsPage(c, { errors: parsed.errors, values })
  const id = await workgroups.createWorkgroup(getDb(c.env.DB), user.id, parsed.data)
  return c.redirect(`/workgroups/${id}`, 303)
})

async function workgroupPage(c: Context<AppEnv>, invite?: { code: string; expiresAt: string }) {
  const user = currentUser(c)
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

workgroupPages.get('/workgroups/:id', (c) => workgroupPage(c))

workgroupPages.post('/workgroups/:id/invites', async (c) => {
  const user = currentUser(c)
  const id = c.req.param('id')
  const db = getDb(c.env.DB)
  await workgroups.requireWorkgroupRole(db, id, user.id, 'lead')
  const invite = await workgroups.createInvite(db, user.id, id, 7)
  c.header('cache-control', 'no-store')
  return workgroupPage(c, invite)
})

workgroupPages.get('/join/:code', (c) => {
  const user = currentUser(c)
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

workgroupPages.post('/join/:code', async (c) => {
  const user = currentUser(c)
  const id = await workgroups.acceptInvite(getDb(c.env.DB), user.id, c.req.param('code'))
  return c.redirect(`/workgroups/${id}`, 303)
})
