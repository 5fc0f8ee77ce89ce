/**
 * A teacher's workgroups: the list and starting one (a workgroup's home and joining are in
 * workgroup-home.tsx). Forms are checked by the API's own schemas, errors shown inline.
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
