/**
 * "My list": the items a teacher gathers for a lesson, in their order, with a name. Signed in,
 * it is kept in D1 through the same queries as /api/me/list; otherwise it travels in the URL and
 * public/app.js keeps it in localStorage. From here it becomes a worksheet, classroom mode in
 * its own order, a live session, or a workgroup set.
 */
import { Hono, type Context } from 'hono'
import { getItemSummaries } from '../items/items.queries.ts'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import * as lists from '../lists/lists.queries.ts'
import { ListInputSchema } from '../lists/lists.routes.ts'
import { SetInputSchema } from '../sets/sets.routes.ts'
import { createSet, requireOwner } from '../sets/sets.queries.ts'
import { listMyWorkgroups } from '../workgroups/workgroups.queries.ts'
import { FormErrors } from './form-errors.tsx'
import { formValues, parseForm } from './forms.ts'
import { Layout } from './layout.tsx'
import { LiveStartForm } from './live-pages.tsx'
import {
  classroomHref,
  type ListEntry,
  ListItems,
  ListNameForm,
  type ListStore,
  printHref,
} from './list-view.tsx'

export const listPages = new Hono<AppEnv>()

const ID = /^[a-z0-9-]{1,80}$/

/** Item ids from a comma-separated query value: well-formed, distinct, at most a list's worth. */
export function idsFrom(value: string | undefined): string[] {
  const ids = (value ?? '').split(',').filter((id) => ID.test(id))
  return [...new Set(ids)].slice(0, lists.MAX_LIST_ITEMS)
}

async function listPage(c: Context<AppEnv>, form?: { errors: string[]; status: 400 | 404 }) {
  const user = c.get('user')
  const db = getDb(c.env.DB)
  let store: ListStore
  let name: string
  let items: ListEntry[]
  if (user) {
    store = 'account'
    ;({ name, items } = await lists.getList(db, user.id))
  } else {
    store = 'browser'
    name = (c.req.query('name') ?? '').slice(0, 160)
    items = await getItemSummaries(db, idsFrom(c.req.query('items')))
  }
  const ids = items.map((i) => i.id)
  const workgroups = user ? await listMyWorkgroups(db, user.id) : []
  const title = name || 'My list'
  return c.html(
    <Layout title={title} user={user} maths={false}>
      <div id="list-page" data-store={store} data-items={ids.join(',')} data-name={name}>
        <h1>{title}</h1>
        <p class="muted">
          {store === 'account'
            ? 'Kept in your account. Put the questions in the order you will show them.'
            : 'Kept in this browser (sign in to keep it in your account and share it with a workgroup).'}
        </p>
        <FormErrors errors={form?.errors} />
        <ListNameForm store={store} name={name} ids={ids} />
        {items.length === 0 ? (
          <p id="list-empty">
            Your list is empty. Use “Add to my list” on <a href="/search">search results</a> and
            item pages.
          </p>
        ) : (
          <>
            <h2>
              {items.length} {items.length === 1 ? 'question' : 'questions'}, in this order
            </h2>
            <ListItems store={store} name={name} items={items} />
            <h2>Use the list</h2>
            <p class="no-print list-uses">
              <a class="button" href={classroomHref(ids, name)}>
                Show in class, in this order
              </a>{' '}
              <a class="button secondary" href={printHref(ids, name)}>
                Print a worksheet
              </a>
            </p>
            <LiveStartForm db={db} user={user} itemIds={ids} />
            {user && (
              <form method="post" action="/list/set" class="card no-print">
                <h2>Save as a workgroup set</h2>
                {workgroups.length === 0 ? (
                  <p>
                    Join or <a href="/workgroups">start a workgroup</a> to share this list with
                    colleagues.
                  </p>
                ) : (
                  <>
                    <label for="set-workgroup">Workgroup</label>
                    <select id="set-workgroup" name="workgroupId">
                      {workgroups.map((wg) => (
                        <option value={wg.id}>{wg.name}</option>
                      ))}
                    </select>
                    <p>
                      <button type="submit">Save as a set</button>
                    </p>
                  </>
                )}
              </form>
            )}
          </>
        )}
        {!user && (
          <p class="no-print">
            <a href="/signin?next=/list">Sign in</a> to keep this list in your account: the
            questions kept in this browser are added to it.
          </p>
        )}
      </div>
    </Layout>,
    form?.status ?? 200,
  )
}

listPages.get('/list', (c) => listPage(c))

/** Renaming keeps the order; the name is checked by the API's own schema. */
listPages.post('/list', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const { name = '' } = await formValues(c)
  const { items, revision } = await lists.getList(db, user.id)
  const parsed = parseForm(ListInputSchema, { name, itemIds: items.map((i) => i.id) })
  if (parsed.errors) return listPage(c, { errors: parsed.errors, status: 400 })
  // Based on the list just read: an item another tab added meanwhile is not dropped (412).
  await lists.saveList(db, user.id, parsed.data, revision)
  return c.redirect('/list', 303)
})

/** Adding works for everyone: signed in it is kept in D1; otherwise it starts a list in the URL. */
listPages.post('/list/items', async (c) => {
  const { itemId = '', next = '' } = await formValues(c)
  const user = c.get('user')
  if (!ID.test(itemId)) return listPage(c, { errors: ['itemId: not an item id'], status: 400 })
  if (!user) return c.redirect(`/list?items=${itemId}`, 303)
  await lists.addToList(getDb(c.env.DB), user.id, itemId)
  // Back where the teacher was (only a path on this site), marked so the page can say so.
  const back = /^\/(?!\/)[\w\-/?=&.%,]*$/.test(next) ? next : '/list'
  return c.redirect(`${back}${back.includes('?') ? '&' : '?'}added=${itemId}`, 303)
})

listPages.post('/list/move', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const { itemId = '', direction } = await formValues(c)
  const list = await lists.getList(db, user.id)
  const order = lists.moved(
    list.items.map((i) => i.id),
    itemId,
    direction === 'up' ? 'up' : 'down',
  )
  await lists.saveList(db, user.id, { name: list.name, itemIds: order }, list.revision)
  return c.redirect(`/list#my-list`, 303)
})

listPages.post('/list/remove', async (c) => {
  const user = currentUser(c)
  const { itemId = '' } = await formValues(c)
  await lists.removeFromList(getDb(c.env.DB), user.id, itemId)
  return c.redirect('/list', 303)
})

/** The list becomes a workgroup's set (its members may use and change it), named like the list. */
listPages.post('/list/set', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const { workgroupId = '' } = await formValues(c)
  const list = await lists.getList(db, user.id)
  const parsed = parseForm(SetInputSchema, {
    title: list.name || 'My list',
    entries: list.items.map((i) => ({ itemId: i.id })),
  })
  if (parsed.errors) return listPage(c, { errors: parsed.errors, status: 400 })
  await requireOwner(db, 'workgroup', workgroupId, user)
  const setId = await createSet(db, { type: 'workgroup', id: workgroupId }, user.id, parsed.data)
  return c.redirect(`/workgroups/${workgroupId}/sets/${setId}`, 303)
})
