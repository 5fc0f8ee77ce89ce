/**
 * Building an item set in the browser: start one for a hub, search to add items, reorder them
 * (Up/Down buttons, or drag with hub.js), a note per item, then publish the saved draft as the
 * next version with its changelog shown first, and withdraw a version. The same set queries,
 * guards (requireOwner, requireSetManager) and schemas as the sets API.
 */
import { type Context, Hono } from 'hono'
import { latestRevision } from '../authoring/authoring.queries.ts'
import { getItem } from '../items/items.queries.ts'
import { currentUser, type AppEnv } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { formRevision, requireRevision } from '../lib/revisions.ts'
import { getHub } from '../hubs/hubs.queries.ts'
import { searchBank, searchOptions } from '../search/search-bank.ts'
import * as sets from '../sets/sets.queries.ts'
import * as setRoutes from '../sets/sets.routes.ts'
import { FormErrors } from './form-errors.tsx'
import { formValues, parseForm } from './forms.ts'
import { curatorContext, doneMessage, HubNav } from './hub-common.tsx'
import { Layout } from './layout.tsx'
import { SetEditor, type EditorEntry } from './set-builder-view.tsx'

export const setBuilderPages = new Hono<AppEnv>()

const WithdrawInput = setRoutes.withdrawVersion.request.body.content['application/json'].schema

const parseYears = (text = '') =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)

async function newSetPage(
  c: Context<AppEnv>,
  form?: { errors: string[]; values: Record<string, string> },
) {
  const { user, hub } = await curatorContext(c)
  return c.html(
    <Layout title={`${hub.name}: new set`} user={user} maths={false}>
      <HubNav hub={hub} current="sets/new" />
      <h1>Start an item set</h1>
      <form method="post" action={`/hubs/${hub.slug}/sets/new`} class="card narrow">
        <FormErrors errors={form?.errors} />
        <label for="set-title">Title</label>
        <input
          id="set-title"
          name="title"
          type="text"
          required
          minlength={3}
          maxlength={160}
          value={form?.values.title ?? ''}
        />
        <label for="set-description">Description (optional)</label>
        <textarea id="set-description" name="description" maxlength={4000}>
          {form?.values.description ?? ''}
        </textarea>
        <label for="set-years">Year groups (optional)</label>
        <p class="hint" id="set-years-hint">
          Numbers separated by commas, e.g. 7, 8
        </p>
        <input
          id="set-years"
          name="years"
          type="text"
          inputmode="numeric"
          aria-describedby="set-years-hint"
          value={form?.values.years ?? ''}
        />
        <p>
          <button type="submit">Start the set</button>
        </p>
      </form>
    </Layout>,
    form ? 400 : 200,
  )
}

setBuilderPages.get('/hubs/:slug/sets/new', (c) => newSetPage(c))

setBuilderPages.post('/hubs/:slug/sets/new', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const values = await formValues(c)
  const parsed = parseForm(setRoutes.SetInputSchema, {
    title: values.title ?? '',
    description: values.description ?? '',
    years: parseYears(values.years),
  })
  if (parsed.errors) return newSetPage(c, { errors: parsed.errors, values })
  const id = await sets.createSet(db, { type: 'hub', id: hub.slug }, user.id, parsed.data)
  return c.redirect(`/sets/${id}/edit`, 303)
})

/** The entries as posted, in the order of their position fields (which hub.js renumbers on drag). */
function postedEntries(values: Record<string, string>): EditorEntry[] {
  const entries: (EditorEntry & { position: number })[] = []
  for (let i = 0; i < sets.MAX_SET_ITEMS; i++) {
    const itemId = values[`entries.${i}.itemId`]
    if (!itemId) continue
    const position = Number(values[`entries.${i}.position`])
    entries.push({
      itemId,
      note: values[`entries.${i}.note`] ?? '',
      construct: values[`entries.${i}.construct`] ?? itemId,
      position: Number.isFinite(position) ? position : i + 1,
    })
  }
  return entries.sort((a, b) => a.position - b.position).map(({ position: _p, ...e }) => e)
}

/** The changelog the next version would have, so a curator reads it before publishing. */
async function nextChangelog(db: Db, set: NonNullable<Awaited<ReturnType<typeof sets.getSet>>>) {
  if (set.ownerType !== 'hub' || set.entries.length === 0) return null
  const entries = await Promise.all(
    set.entries.map(async (e) => {
      const [item, latest] = await Promise.all([
        getItem(db, e.itemId),
        latestRevision(db, e.itemId),
      ])
      return item ? { itemId: e.itemId, revision: latest.revision, note: e.note, item } : null
    }),
  )
  if (entries.some((e) => e === null)) return null
  const previous = set.versions[0]
    ? await sets.getVersion(db, set.id, set.versions[0].version)
    : null
  return sets.changelog(previous, {
    title: set.title,
    description: set.description,
    years: set.years,
    entries: entries.filter((e) => e !== null),
  })
}

const STALE_SET =
  'Someone else saved this set after you opened it, so your change was not saved. This is the set as it is now: make your change again.'

/** The builder; after a failed save, with the errors and what was posted (or, if stale, the set now). */
async function editorPage(
  c: Context<AppEnv>,
  form?: { errors: string[]; values?: Record<string, string>; entries?: EditorEntry[] },
) {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const setId = c.req.param('id') ?? ''
  await sets.requireSetManager(db, setId, user)
  const set = await sets.getSet(db, setId)
  if (!set) throw notFound('That set')
  const hub = set.ownerType === 'hub' ? await getHub(db, set.ownerId) : null
  const q = (c.req.query('q') ?? '').slice(0, 200).replace(/\p{Cc}/gu, ' ')
  const found = q
    ? (await searchBank(db, c.env.DB, q, { kind: 'item' }, 0, 10, searchOptions(c.env))).hits
    : []
  const changes = form ? null : await nextChangelog(db, set)
  const values = form?.values ?? {
    title: set.title,
    description: set.description,
    years: set.years.join(', '),
  }
  return c.html(
    <Layout title={`Build: ${set.title}`} user={user} maths={false}>
      <SetEditor
        set={set}
        hub={hub}
        values={values}
        entries={form?.entries ?? set.entries}
        errors={form?.errors}
        query={q}
        found={found.map((h) => ({ id: h.ref, titleHtml: h.titleHtml }))}
        changelog={changes}
        done={doneMessage(c, {
          saved: 'Saved.',
          added: 'Added to the end of the set.',
          published: 'Published.',
          withdrawn: 'Withdrawn: it stays readable, marked withdrawn.',
        })}
      />
    </Layout>,
    form ? 400 : 200,
  )
}

setBuilderPages.get('/sets/:id/edit', (c) => editorPage(c))

/** One form for every change to the draft: save, move an entry, remove one, or add one. */
setBuilderPages.post('/sets/:id/edit', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const setId = c.req.param('id')
  const current = await sets.requireSetManager(db, setId, user)
  const values = await formValues(c)
  let entries = postedEntries(values)
  let done = 'saved'
  if (values.move) {
    const [at, way] = values.move.split(':')
    const from = Number(at)
    const to = way === 'up' ? from - 1 : from + 1
    const moving = entries[from]
    if (moving && to >= 0 && to < entries.length) {
      entries = entries.filter((_, i) => i !== from)
      entries.splice(to, 0, moving)
    }
  } else if (values.remove !== undefined) {
    entries = entries.filter((_, i) => i !== Number(values.remove))
  } else if (values.add) {
    if (!entries.some((e) => e.itemId === values.add))
      entries.push({ itemId: values.add, note: '', construct: values.add })
    done = 'added'
  }
  const parsed = parseForm(setRoutes.SetInputSchema, {
    title: values.title ?? '',
    description: values.description ?? '',
    years: parseYears(values.years),
    entries: entries.map((e) => ({ itemId: e.itemId, note: e.note })),
  })
  if (parsed.errors) return editorPage(c, { errors: parsed.errors, values, entries })
  try {
    const expected = formRevision(values.revision)
    requireRevision(current.revision, expected)
    await sets.updateSet(db, setId, parsed.data, expected ?? current.revision)
  } catch (error) {
    // Someone saved the set since this form was shown: show theirs, so nothing is overwritten.
    if (error instanceof ApiError && error.status === 412)
      return editorPage(c, { errors: [STALE_SET] })
    if (!(error instanceof ApiError) || error.status !== 400) throw error
    const errors = error.errors?.map((e) => `${e.field}: ${e.message}`) ?? [error.message]
    return editorPage(c, { errors, values, entries })
  }
  const anchor = values.move ? `#entry-${values.move.split(':')[0]}` : ''
  return c.redirect(`/sets/${setId}/edit?done=${done}${anchor}`, 303)
})

setBuilderPages.post('/sets/:id/publish', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const setId = c.req.param('id')
  await sets.requireSetManager(db, setId, user)
  const published = await sets.publishSetVersion(db, setId, user.id)
  return c.redirect(`/sets/${setId}/versions/${published.version}`, 303)
})

setBuilderPages.post('/sets/:id/versions/:version/withdraw', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const setId = c.req.param('id')
  const version = Number(c.req.param('version'))
  await sets.requireSetManager(db, setId, user)
  const parsed = parseForm(WithdrawInput, { reason: (await formValues(c)).reason ?? '' })
  if (parsed.errors)
    throw new ApiError(400, `To withdraw a version, give a reason (${parsed.errors.join('; ')})`)
  if (!Number.isSafeInteger(version)) throw notFound('That version')
  await sets.withdrawVersion(db, setId, version, user.id, parsed.data.reason)
  return c.redirect(`/sets/${setId}/edit?done=withdrawn`, 303)
})
