/**
 * Annotations in the browser: the item page's section of them, proposing one (a member of a
 * workgroup), endorsing or disputing (the workgroup's other members), and the curators' page for
 * accepting or rejecting proposals. Plain form posts through the same schemas, guards and query
 * functions as the annotation API; a form with errors comes back with them inline.
 */
import { Hono, type Context } from 'hono'
import * as queries from '../annotations/annotations.queries.ts'
import { itemAnnotations, listAnnotations } from '../annotations/annotations.read.ts'
import {
  NewAnnotationInput,
  RejectInput,
  ResponseInput,
} from '../annotations/annotations.routes.ts'
import { limitNewAccountPosting } from '../discussions/guards.ts'
import { getItem, getItemSummaries, type ItemDetail } from '../items/items.queries.ts'
import { currentUser, type AppEnv, type CurrentUser } from '../lib/context.ts'
import { type Db, getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { listMisconceptions } from '../misconceptions/misconceptions.queries.ts'
import { searchBank, searchOptions } from '../search/search-bank.ts'
import {
  listMyWorkgroups,
  requireWorkgroupRole,
  workgroupRole,
} from '../workgroups/workgroups.queries.ts'
import { AcceptanceList, type Similar } from './annotation-review-view.tsx'
import { ItemAnnotations, ProposeForm, type ProposeValues } from './annotation-view.tsx'
import { formAction, formValues, parseForm } from './forms.ts'
import { curatorContext, Done, doneMessage, HubNav } from './hub-common.tsx'
import { Layout } from './layout.tsx'

export const annotationPages = new Hono<AppEnv>()

const ID = /^[a-z0-9-]{1,80}$/

/** The topic's misconceptions, offered in the form before any search is typed. */
const choicesFor = (db: Db, item: ItemDetail) =>
  listMisconceptions(db, { topic: item.topic.slug }, { limit: 100 })

/** The item page's annotations: what the viewer may see, and the propose form for members. */
export async function ItemAnnotationsSection(props: {
  db: Db
  user: CurrentUser | null
  item: ItemDetail
  open?: boolean
}) {
  const { db, user, item } = props
  const workgroups = user ? await listMyWorkgroups(db, user.id) : []
  const [annotations, choices] = await Promise.all([
    itemAnnotations(
      db,
      item.id,
      workgroups.map((w) => w.id),
    ),
    workgroups.length > 0 ? choicesFor(db, item) : Promise.resolve([]),
  ])
  return (
    <ItemAnnotations
      item={item}
      annotations={annotations}
      user={user}
      workgroups={workgroups}
      choices={choices}
      open={props.open}
    />
  )
}

/** Back to the item page with its annotations open, at the one just written. */
const backTo = (itemId: string, annotationId: string) =>
  `/items/${itemId}?annotations=open#annotation-${annotationId}`

async function publishedItem(c: Context<AppEnv>) {
  const id = c.req.param('id') ?? ''
  const item = ID.test(id) ? await getItem(getDb(c.env.DB), id) : null
  if (!item) throw notFound(`Item "${id}"`)
  return item
}

/** The form on its own page: reached from the item page, and shown again with any errors. */
async function proposePage(c: Context<AppEnv>, values?: ProposeValues, errors?: string[]) {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const item = await publishedItem(c)
  const workgroups = await listMyWorkgroups(db, user.id)
  return c.html(
    <Layout title={`Propose an annotation: ${item.construct}`} user={user}>
      <p class="muted">
        <a href={`/items/${item.id}#annotations`}>{item.construct}</a>
      </p>
      <h1>Propose an annotation</h1>
      {workgroups.length === 0 ? (
        <p>
          Annotations are proposed by workgroups. <a href="/workgroups">Start or join one</a> first.
        </p>
      ) : (
        <ProposeForm
          item={item}
          workgroups={workgroups}
          choices={await choicesFor(db, item)}
          values={values}
          errors={errors}
        />
      )}
    </Layout>,
    errors ? 400 : 200,
  )
}

annotationPages.get('/items/:id/annotations/new', (c) => proposePage(c))

annotationPages.post('/items/:id/annotations', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const item = await publishedItem(c)
  const v: ProposeValues = await formValues(c)
  const draft = v.source === 'draft'
  if (!draft && !v.misconceptionSlug?.trim())
    return proposePage(c, v, [
      'misconceptionSlug: choose a misconception from the bank, or draft a new one',
    ])
  const parsed = parseForm(NewAnnotationInput, {
    itemId: item.id,
    label: v.label ?? '',
    evidence: v.evidence ?? '',
    ...(draft
      ? {
          draft: {
            slug: v.draftSlug?.trim() ?? '',
            title: v.draftTitle ?? '',
            description: v.draftDescription ?? '',
          },
        }
      : { misconceptionSlug: v.misconceptionSlug?.trim() }),
  })
  if (parsed.errors) return proposePage(c, v, parsed.errors)
  const workgroupId = v.workgroupId ?? ''
  await requireWorkgroupRole(db, workgroupId, user.id, 'member')
  let id = ''
  const errors = await formAction(async () => {
    await limitNewAccountPosting(c, db, user.id)
    id = await queries.propose(db, workgroupId, user.id, parsed.data)
  })
  if (errors) return proposePage(c, v, errors)
  return c.redirect(backTo(item.id, id), 303)
})

annotationPages.post('/annotations/:annotationId/response', async (c) => {
  const user = currentUser(c)
  const db = getDb(c.env.DB)
  const row = await queries.getRow(db, c.req.param('annotationId'))
  // The API's rule: only its workgroup's members see it at all.
  if (!row || !(await workgroupRole(db, row.workgroupId, user.id)))
    throw notFound('That annotation')
  const form = await formValues(c)
  const parsed = parseForm(ResponseInput, { vote: form.vote, comment: form.comment ?? '' })
  if (parsed.errors) return c.redirect(backTo(row.itemId, row.id), 303)
  // A decided proposal or one's own (409) goes to the error page with the reason.
  await queries.respond(db, row, user.id, parsed.data)
  return c.redirect(backTo(row.itemId, row.id), 303)
})

/** Search's nearest misconceptions to a draft, so a curator can spot one the bank already has. */
async function similarTo(c: Context<AppEnv>, db: Db, draft: { title: string; source: string }) {
  const query = `${draft.title} ${draft.source}`.replace(/\s+/g, ' ').slice(0, 500)
  const page = await searchBank(
    db,
    c.env.DB,
    query,
    { kind: 'misconception' },
    0,
    5,
    searchOptions(c.env),
  )
  return page.hits.map((h) => ({ slug: h.ref, titleHtml: h.titleHtml, snippetHtml: h.snippetHtml }))
}

async function acceptancePage(
  c: Context<AppEnv>,
  failed?: { annotationId: string; errors: string[]; reason?: string },
) {
  const { user, db, hub } = await curatorContext(c)
  const proposals = (await listAnnotations(db, { status: 'proposed' }, { limit: 50 })).slice(0, 50)
  const items = new Map(
    (await getItemSummaries(db, [...new Set(proposals.map((a) => a.itemId))].slice(0, 50))).map(
      (i) => [i.id, i.construct],
    ),
  )
  const similar = new Map<string, Similar[]>()
  for (const a of proposals)
    if (a.draft)
      similar.set(
        a.id,
        await similarTo(c, db, { title: a.draft.title, source: a.draft.description.source }),
      )
  return c.html(
    <Layout title={`${hub.name}: annotations to decide`} user={user}>
      <HubNav hub={hub} current="annotations" />
      <h1>Annotations to decide</h1>
      <p class="muted">
        Workgroups’ proposals of the misconception an option reveals, oldest first. Accepting one
        writes it into the bank, credited to the workgroup; rejecting it sends your reason back.
      </p>
      <Done
        message={doneMessage(c, {
          accepted: 'Accepted into the bank, with credit to the workgroup.',
          rejected: 'Rejected: the workgroup sees your reason.',
        })}
      />
      <AcceptanceList
        hubSlug={hub.slug}
        proposals={proposals}
        items={items}
        similar={similar}
        failed={failed}
      />
    </Layout>,
    failed ? 400 : 200,
  )
}

annotationPages.get('/hubs/:slug/annotations', (c) => acceptancePage(c))

annotationPages.post('/hubs/:slug/annotations/:annotationId/accept', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const annotationId = c.req.param('annotationId')
  const row = await queries.getRow(db, annotationId)
  if (!row) throw notFound('That annotation')
  const errors = await formAction(() => queries.accept(db, row, user.id, hub.slug))
  if (errors) return acceptancePage(c, { annotationId, errors })
  return c.redirect(`/hubs/${hub.slug}/annotations?done=accepted`, 303)
})

annotationPages.post('/hubs/:slug/annotations/:annotationId/reject', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const annotationId = c.req.param('annotationId')
  const row = await queries.getRow(db, annotationId)
  if (!row) throw notFound('That annotation')
  const { reason = '' } = await formValues(c)
  const parsed = parseForm(RejectInput, { hubSlug: hub.slug, reason })
  if (parsed.errors) return acceptancePage(c, { annotationId, errors: parsed.errors, reason })
  const errors = await formAction(() => queries.reject(db, row, user.id, parsed.data))
  if (errors) return acceptancePage(c, { annotationId, errors, reason })
  return c.redirect(`/hubs/${hub.slug}/annotations?done=rejected`, 303)
})
