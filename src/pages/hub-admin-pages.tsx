/**
 * Hubs in the browser: the list of hubs (site admins create one there), naming and removing a
 * hub's curators by email (site admins only: an address is looked up, never shown), and the
 * site's audit log for site admins. Same query functions and guards as the hub API.
 */
import { type Context, Hono } from 'hono'
import { findUserByEmail } from '../accounts/accounts.queries.ts'
import { listAudit } from '../audit/audit.queries.ts'
import * as hubs from '../hubs/hubs.queries.ts'
import * as hubRoutes from '../hubs/hubs.routes.ts'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { AuditTable } from './audit-view.tsx'
import { FormErrors } from './form-errors.tsx'
import { formValues, parseForm } from './forms.ts'
import { curatorContext, Done, doneMessage, HubNav } from './hub-common.tsx'
import { Layout } from './layout.tsx'

export const hubAdminPages = new Hono<AppEnv>()

const CreateHubInput = hubRoutes.createHub.request.body.content['application/json'].schema

async function hubsPage(
  c: Context<AppEnv>,
  form?: { errors: string[]; values: Record<string, string> },
) {
  const user = c.get('user') ?? null
  const db = getDb(c.env.DB)
  const all = await hubs.listHubs(db)
  return c.html(
    <Layout title="Hubs" user={user} maths={false}>
      <h1>Hubs</h1>
      <p>Maths Hubs, trusts and research schools that curate and publish vetted item sets.</p>
      {all.length === 0 && <p>No hubs yet.</p>}
      <ul class="results">
        {all.map((hub) => (
          <li class="card">
            <a href={`/hubs/${hub.slug}`}>{hub.name}</a>{' '}
            <span class="muted">
              curated by {hub.curators.map((cur) => cur.displayName).join(', ') || 'nobody yet'}
            </span>
            {user && (user.isSiteAdmin || hub.curators.some((cur) => cur.id === user.id)) && (
              <>
                {' · '}
                <a href={`/hubs/${hub.slug}/dashboard`}>Dashboard</a>
              </>
            )}
            {user?.isSiteAdmin && (
              <>
                {' · '}
                <a href={`/hubs/${hub.slug}/curators`}>Curators</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {user?.isSiteAdmin && (
        <p>
          <a href="/admin/audit">The site’s audit log</a>: every hub’s and workgroup’s changes.
        </p>
      )}
      {user?.isSiteAdmin && (
        <form method="post" action="/hubs" class="card narrow" aria-labelledby="new-hub">
          <h2 id="new-hub">Create a hub</h2>
          <FormErrors errors={form?.errors} />
          <label for="hub-name">Name</label>
          <input
            id="hub-name"
            name="name"
            type="text"
            required
            minlength={3}
            maxlength={120}
            value={form?.values.name ?? ''}
          />
          <label for="hub-slug">Address</label>
          <p class="hint" id="hub-slug-hint">
            Lower-case words joined by hyphens: the hub’s page will be /hubs/<em>address</em>.
          </p>
          <input
            id="hub-slug"
            name="slug"
            type="text"
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            aria-describedby="hub-slug-hint"
            value={form?.values.slug ?? ''}
          />
          <label for="hub-description">What it is (optional)</label>
          <textarea id="hub-description" name="description" maxlength={2000}>
            {form?.values.description ?? ''}
          </textarea>
          <p>
            <button type="submit">Create hub</button>
          </p>
        </form>
      )}
    </Layout>,
    form ? 400 : 200,
  )
}

hubAdminPages.get('/hubs', (c) => hubsPage(c))

hubAdminPages.post('/hubs', async (c) => {
  const user = currentUser(c)
  if (!user.isSiteAdmin) throw new ApiError(403, 'Only site administrators create hubs')
  const { name = '', slug = '', description = '' } = await formValues(c)
  const values = { name, slug, description }
  const parsed = parseForm(CreateHubInput, {
    name,
    slug: slug.trim(),
    description: description.trim() || undefined,
  })
  if (parsed.errors) return hubsPage(c, { errors: parsed.errors, values })
  if (!(await hubs.createHub(getDb(c.env.DB), user.id, parsed.data)))
    return hubsPage(c, {
      errors: [`slug: a hub called "${parsed.data.slug}" already exists`],
      values,
    })
  return c.redirect(`/hubs/${parsed.data.slug}/curators?done=created`, 303)
})

/** Site admins: what was changed, by whom, across every hub and workgroup (newest first). */
hubAdminPages.get('/admin/audit', async (c) => {
  const user = currentUser(c)
  if (!user.isSiteAdmin)
    throw new ApiError(403, 'Only site administrators see the site’s audit log')
  const entries = await listAudit(getDb(c.env.DB))
  return c.html(
    <Layout title="Audit log" user={user} maths={false}>
      <h1>The site’s audit log</h1>
      <p class="muted">Hubs, curators, workgroups, roles, invites and moderation, newest first.</p>
      <AuditTable entries={entries} />
    </Layout>,
  )
})

async function curatorsPage(c: Context<AppEnv>, form?: { errors: string[]; email: string }) {
  const { user, hub } = await curatorContext(c)
  if (!user.isSiteAdmin) throw new ApiError(403, 'Only site administrators name curators')
  return c.html(
    <Layout title={`Curators of ${hub.name}`} user={user} maths={false}>
      <HubNav hub={hub} />
      <h1>Curators of {hub.name}</h1>
      <Done
        message={doneMessage(c, {
          created: 'The hub is created. Name its curators.',
          added: 'Curator added.',
          removed: 'Curator removed.',
        })}
      />
      {hub.curators.length === 0 ? (
        <p>Nobody curates this hub yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">School</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hub.curators.map((cur) => (
              <tr>
                <td>{cur.displayName}</td>
                <td>{cur.school ?? '—'}</td>
                <td>
                  <form
                    method="post"
                    action={`/hubs/${hub.slug}/curators/${cur.id}/remove`}
                    class="inline"
                  >
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={`Remove ${cur.displayName}`}
                    >
                      Remove
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        method="post"
        action={`/hubs/${hub.slug}/curators`}
        class="card narrow"
        aria-labelledby="add-curator"
      >
        <h2 id="add-curator">Add a curator</h2>
        <FormErrors errors={form?.errors} />
        <label for="curator-email">Their account’s email</label>
        <p class="hint" id="curator-email-hint">
          They must have signed up already. The address is only looked up, never shown.
        </p>
        <input
          id="curator-email"
          name="email"
          type="email"
          required
          aria-describedby="curator-email-hint"
          value={form?.email ?? ''}
        />
        <p>
          <button type="submit">Add curator</button>
        </p>
      </form>
    </Layout>,
    form ? 400 : 200,
  )
}

hubAdminPages.get('/hubs/:slug/curators', (c) => curatorsPage(c))

hubAdminPages.post('/hubs/:slug/curators', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  if (!user.isSiteAdmin) throw new ApiError(403, 'Only site administrators name curators')
  const email = (await formValues(c)).email?.trim() ?? ''
  const found = /^[^@\s]+@[^@\s]+$/.test(email) ? await findUserByEmail(db, email) : null
  if (!found) return curatorsPage(c, { errors: ['email: no account has that address'], email })
  await hubs.addCurator(db, user.id, hub.slug, found.id)
  return c.redirect(`/hubs/${hub.slug}/curators?done=added`, 303)
})

hubAdminPages.post('/hubs/:slug/curators/:userId/remove', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  if (!user.isSiteAdmin) throw new ApiError(403, 'Only site administrators remove curators')
  await hubs.removeCurator(db, user.id, hub.slug, c.req.param('userId'))
  return c.redirect(`/hubs/${hub.slug}/curators?done=removed`, 303)
})
