/**
 * Curators write and edit a hub's items in the browser: a form validated by the API's own item
 * schema, a preview rendered by the server ("Preview" without JavaScript; hub.js refreshes it as
 * you type), saving a draft (createItem / editItem) and sending it for review (submitForReview).
 */
import { type Context, Hono } from 'hono'
import { problemLines, renderer } from '../lib/rendered.ts'
import { keyPositionProblems } from '../bank/key-position.ts'
import { type ItemInput, itemInputSchema } from '../bank/schemas.ts'
import * as authoring from '../authoring/authoring.queries.ts'
import { hubItemInputs } from '../authoring/hub-items.queries.ts'
import type { AppEnv } from '../lib/context.ts'
import type { Db } from '../lib/db.ts'
import { ApiError } from '../lib/errors.ts'
import { formRevision } from '../lib/revisions.ts'
import {
  listMisconceptions,
  misconceptionTitles,
} from '../misconceptions/misconceptions.queries.ts'
import { getTaxonomy } from '../taxonomy/taxonomy.queries.ts'
import {
  type FieldErrors,
  fieldErrors,
  ItemForm,
  ItemPreview,
  MISCONCEPTION_SLOTS,
  OPTION_SLOTS,
  type PreviewState,
} from './authoring-view.tsx'
import { formValues, parseForm } from './forms.ts'
import { curatorContext, Done, doneMessage, type Hub, HubNav } from './hub-common.tsx'
import { Layout } from './layout.tsx'

export const authoringPages = new Hono<AppEnv>()

/** The form's flat fields → the API's item input (empty trailing options are left out). */
export function itemFromForm(v: Record<string, string>) {
  const options = Array.from({ length: OPTION_SLOTS }, (_, i) => ({
    text: v[`options.${i}.text`]?.trim() ?? '',
    explanation: v[`options.${i}.explanation`]?.trim() ?? '',
    correct: v.correct === String(i),
    misconceptions: Array.from(
      { length: MISCONCEPTION_SLOTS },
      (_, j) => v[`options.${i}.misconception${j}`]?.trim() ?? '',
    ).filter(Boolean),
  }))
  while (options.length > 2) {
    const last = options[options.length - 1]
    if (
      last &&
      !last.text &&
      !last.explanation &&
      last.misconceptions.length === 0 &&
      !last.correct
    )
      options.pop()
    else break
  }
  return {
    id: v.id?.trim() ?? '',
    construct: v.construct ?? '',
    topic: v.topic ?? '',
    years: Array.from({ length: 11 }, (_, i) => i + 1).filter((y) => v[`year-${y}`] === 'on'),
    stem: v.stem ?? '',
    options,
    diagram: v.diagram?.trim() || undefined,
    source: v.source ?? '',
    licence: v.licence ?? '',
    purpose: v.purpose === 'discussion' ? ('discussion' as const) : undefined,
  }
}

/** A written item (a revision's input) → the form's flat fields. */
export function formFromItem(item: Partial<ItemInput>): Record<string, string> {
  const v: Record<string, string> = {
    id: item.id ?? '',
    construct: item.construct ?? '',
    topic: item.topic ?? '',
    stem: item.stem ?? '',
    diagram: item.diagram ?? '',
    source: item.source ?? '',
    licence: item.licence ?? '',
    purpose: item.purpose === 'discussion' ? 'discussion' : '',
  }
  for (const y of item.years ?? []) v[`year-${y}`] = 'on'
  item.options?.forEach((o, i) => {
    v[`options.${i}.text`] = o.text
    v[`options.${i}.explanation`] = o.explanation
    if (o.correct) v.correct = String(i)
    o.misconceptions.forEach((m, j) => (v[`options.${i}.misconception${j}`] = m))
  })
  return v
}

/**
 * Everything the preview shows for a form: the schema's errors, or the item compiled exactly as
 * it would be on save, with the content check's warnings (over the hub's items for key letters).
 */
export async function previewFor(db: Db, hubSlug: string, values: Record<string, string>) {
  const parsed = parseForm(itemInputSchema, itemFromForm(values))
  if (parsed.errors)
    return { state: { problems: parsed.errors }, errors: fieldErrors(parsed.errors) }
  // Compiled and checked in the renderer Worker, judged as the published item it is meant to
  // become (a wrong option without a tag is flagged).
  const preview = await renderer().previewItem(parsed.data)
  if (!preview.ok) {
    const problems = problemLines(preview.problems)
    return { state: { problems }, errors: fieldErrors(problems) }
  }
  const { record, quality } = preview.value
  const slugs = [...new Set(record.options.flatMap((o) => o.misconceptions))]
  const [titles, hubItems] = await Promise.all([
    misconceptionTitles(db, slugs),
    hubItemInputs(db, hubSlug),
  ])
  const keys = keyPositionProblems([
    ...hubItems.filter((i) => i.id !== record.row.id),
    parsed.data,
  ]).filter((p) => p.message.includes(record.row.id))
  const unknown = slugs.filter((s) => !titles.has(s)).map((s) => `unknown misconception "${s}"`)
  const warnings = [...unknown, ...[...quality, ...keys].map((p) => `${p.field}: ${p.message}`)]
  return {
    state: { record, titles, warnings } as PreviewState,
    errors: new Map() as FieldErrors,
    input: parsed.data,
  }
}

async function authoringPage(
  c: Context<AppEnv>,
  db: Db,
  hub: Hub,
  page: {
    title: string
    action: string
    values: Record<string, string>
    errors?: FieldErrors
    preview?: PreviewState | null
    fixedId?: string
    status?: 'draft' | 'review' | 'published' | 'superseded'
    revision?: number
  },
  code: 200 | 400 | 409 | 412 = 200,
) {
  const [taxonomy, misconceptions] = await Promise.all([
    getTaxonomy(db),
    listMisconceptions(db, {}, { limit: 1000 }),
  ])
  const { fixedId } = page
  return c.html(
    <Layout title={page.title} user={c.get('user')}>
      <HubNav hub={hub} current={fixedId ? undefined : 'items/new'} />
      <h1>{page.title}</h1>
      <Done
        message={doneMessage(c, {
          saved: 'Draft saved.',
          submitted: 'Sent for review: another curator will review and publish it.',
        })}
      />
      {fixedId && page.revision && (
        <div class="card">
          <p>
            Revision {page.revision} is{' '}
            <strong>{page.status === 'review' ? 'in review' : page.status}</strong>.{' '}
            {page.status === 'review' && (
              <a href={`/hubs/${hub.slug}/items/${fixedId}/review`}>Review it</a>
            )}
          </p>
          {page.status === 'draft' && (
            <form method="post" action={`/hubs/${hub.slug}/items/${fixedId}/submit`} class="inline">
              <button type="submit">Send for review</button>
            </form>
          )}
        </div>
      )}
      <div class="authoring">
        <ItemForm
          action={page.action}
          previewAction={`/hubs/${hub.slug}/items/preview`}
          values={page.values}
          errors={page.errors ?? new Map()}
          taxonomy={taxonomy}
          misconceptions={misconceptions.map((m) => ({ slug: m.slug, title: m.title }))}
          fixedId={fixedId}
        />
        <ItemPreview state={page.preview ?? null} />
      </div>
      <p class="visually-hidden" role="status" id="preview-status" />
    </Layout>,
    code,
  )
}

const STALE_ITEM =
  'another curator saved a newer revision after you opened this one; your text is kept below, not saved: compare it with the latest revision, then save again to follow it'

/** Save or preview a posted form; a refused save shows the form again with every reason. */
async function handleItemPost(c: Context<AppEnv>, mode: 'create' | 'edit') {
  const { db, hub, user } = await curatorContext(c)
  const values = await formValues(c)
  const fixedId = mode === 'edit' ? (c.req.param('id') ?? '') : undefined
  if (fixedId) {
    await authoring.getAuthoredItem(db, hub.slug, fixedId)
    values.id = fixedId
  }
  const action = fixedId ? `/hubs/${hub.slug}/items/${fixedId}/edit` : `/hubs/${hub.slug}/items/new`
  const title = fixedId ? `Edit ${fixedId}` : 'Write an item'
  const { state, errors, input } = await previewFor(db, hub.slug, values)
  if (!input || values.intent !== 'save')
    return authoringPage(
      c,
      db,
      hub,
      { title, action, values, errors, preview: state, fixedId },
      input ? 200 : 400,
    )
  try {
    if (fixedId)
      await authoring.editItem(db, c.env.DB, hub.slug, user.id, input, formRevision(values.basedOn))
    else await authoring.createItem(db, c.env.DB, hub.slug, user.id, input)
  } catch (error) {
    if (!(error instanceof ApiError) || ![400, 409, 412].includes(error.status)) throw error
    const stale = error.status === 412 && fixedId
    // Keep what they wrote; saving again now deliberately follows the newer revision.
    if (stale) values.basedOn = String((await authoring.latestRevision(db, fixedId)).revision)
    const messages = stale
      ? [`id: ${STALE_ITEM}`]
      : (error.errors?.map((e) => `${e.field}: ${e.message}`) ?? [`id: ${error.message}`])
    return authoringPage(
      c,
      db,
      hub,
      { title, action, values, errors: fieldErrors(messages), preview: state, fixedId },
      error.status as 400 | 409 | 412,
    )
  }
  return c.redirect(`/hubs/${hub.slug}/items/${input.id}/edit?done=saved`, 303)
}

authoringPages.get('/hubs/:slug/items/new', async (c) => {
  const { db, hub } = await curatorContext(c)
  return authoringPage(c, db, hub, {
    title: 'Write an item',
    action: `/hubs/${hub.slug}/items/new`,
    values: { source: hub.name, licence: 'CC-BY-4.0' },
  })
})
authoringPages.post('/hubs/:slug/items/new', (c) => handleItemPost(c, 'create'))

authoringPages.get('/hubs/:slug/items/:id/edit', async (c) => {
  const { db, hub } = await curatorContext(c)
  const id = c.req.param('id')
  await authoring.getAuthoredItem(db, hub.slug, id)
  const latest = await authoring.latestRevision(db, id)
  // The revision this form shows, so a save after someone else's is refused, not stacked on it.
  const values = {
    ...formFromItem(latest.input as Partial<ItemInput>),
    basedOn: String(latest.revision),
  }
  const { state } = await previewFor(db, hub.slug, values)
  return authoringPage(c, db, hub, {
    title: `Edit ${id}`,
    action: `/hubs/${hub.slug}/items/${id}/edit`,
    values,
    preview: state,
    fixedId: id,
    status: latest.status,
    revision: latest.revision,
  })
})
authoringPages.post('/hubs/:slug/items/:id/edit', (c) => handleItemPost(c, 'edit'))

authoringPages.post('/hubs/:slug/items/:id/submit', async (c) => {
  const { db, hub } = await curatorContext(c)
  const id = c.req.param('id')
  await authoring.submitForReview(db, hub.slug, id)
  return c.redirect(`/hubs/${hub.slug}/items/${id}/edit?done=submitted`, 303)
})

/** The preview alone, as an HTML fragment for hub.js to put in place while the curator types. */
authoringPages.post('/hubs/:slug/items/preview', async (c) => {
  const { db, hub } = await curatorContext(c)
  const { state } = await previewFor(db, hub.slug, await formValues(c))
  return c.html(<ItemPreview state={state} />)
})
