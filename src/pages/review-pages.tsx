/**
 * The review queue and a review: the revision under review shown as teachers will see it, beside
 * the published revision field by field (reviewRevision, as `GET …/items/{id}/review`), then
 * publish (publishItem refuses anyone who wrote a pending revision) or send it back to draft.
 */
import { type Context, Hono } from 'hono'
import { getPublicProfile } from '../accounts/accounts.queries.ts'
import * as authoring from '../authoring/authoring.queries.ts'
import { listHubItems } from '../authoring/hub-items.queries.ts'
import { problemLines, renderer } from '../lib/rendered.ts'
import { type ItemInput, optionLabel } from '../bank/schemas.ts'
import type { AppEnv } from '../lib/context.ts'
import { ApiError } from '../lib/errors.ts'
import { misconceptionTitles } from '../misconceptions/misconceptions.queries.ts'
import { RecordView } from './authoring-view.tsx'
import { FormErrors } from './form-errors.tsx'
import { curatorContext, Done, doneMessage, HubNav } from './hub-common.tsx'
import { Layout } from './layout.tsx'

export const reviewPages = new Hono<AppEnv>()

reviewPages.get('/hubs/:slug/review', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const queue = await listHubItems(db, hub.slug, 'review')
  return c.html(
    <Layout title={`${hub.name}: review queue`} user={user} maths={false}>
      <HubNav hub={hub} current="review" />
      <h1>Review queue</h1>
      <Done
        message={doneMessage(c, { published: 'Published.', returned: 'Sent back to draft.' })}
      />
      {queue.length === 0 ? (
        <p>Nothing awaits review.</p>
      ) : (
        <ul class="results">
          {queue.map((item) => (
            <li class="card">
              <a href={`/hubs/${hub.slug}/items/${item.id}/review`}>{item.construct}</a>{' '}
              <span class="muted">
                revision {item.revision} by {item.authorName}
                {item.itemStatus === 'published' ? ' · an edit of a published item' : ' · new'}
                {item.authorId === user.id && ' · yours: another curator must publish it'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>,
  )
})

/** Human words for a field path from diffFields (`options.1.text` → "Option B: text"). */
export function fieldName(path: string): string {
  const option = /^options\.(\d+)(?:\.(\w+))?(?:\.(\d+))?$/.exec(path)
  if (option) {
    const [, n, part, m] = option
    const what =
      {
        text: 'text',
        correct: 'correct answer',
        explanation: 'explanation',
        misconceptions: 'misconception',
      }[part ?? ''] ?? part
    return `Option ${optionLabel(Number(n))}${what ? `: ${what}` : ''}${m ? ` ${Number(m) + 1}` : ''}`
  }
  return path
}

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value)

async function reviewPage(c: Context<AppEnv>, errors?: string[]) {
  const { user, db, hub } = await curatorContext(c)
  const id = c.req.param('id') ?? ''
  await authoring.getAuthoredItem(db, hub.slug, id)
  const review = await authoring.reviewRevision(db, id)
  const draft = review.draft as ItemInput
  const compiled = await renderer().compileItem(draft)
  const record = compiled.ok ? compiled.value : undefined
  const problems = compiled.ok ? [] : problemLines(compiled.problems)
  const slugs = [...new Set(draft.options.flatMap((o) => o.misconceptions))]
  const [titles, author] = await Promise.all([
    misconceptionTitles(db, slugs),
    review.revision.authorId ? getPublicProfile(db, review.revision.authorId) : null,
  ])
  const inReview = review.revision.status === 'review'
  // Status is where a revision is in the workflow, not what it says (the content hash leaves it
  // out too), so a reviewer is not shown "draft → published" as a change.
  const changes = review.changes.filter((change) => change.field !== 'status')
  return c.html(
    <Layout title={`Review: ${draft.construct}`} user={user}>
      <HubNav hub={hub} />
      <h1>Review: {draft.construct}</h1>
      <Done message={doneMessage(c, { published: 'Published: teachers see this revision now.' })} />
      <FormErrors errors={errors} />
      <p class="muted">
        Revision {review.revision.revision} ({review.revision.status}) by{' '}
        {author?.displayName ?? 'an import'}, {review.revision.createdAt.slice(0, 10)}.{' '}
        {review.published ? 'It changes the published item.' : 'It has never been published.'}
      </p>
      <h2>What changed</h2>
      {!review.published ? (
        <p>A new item: everything below is new.</p>
      ) : changes.length === 0 ? (
        <p>Nothing: it is the same as the published revision.</p>
      ) : (
        <div class="table-scroll">
          <table class="diff">
            <caption class="visually-hidden">
              Each field that differs from the published revision
            </caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Published</th>
                <th scope="col">Under review</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr>
                  <th scope="row">{fieldName(change.field)}</th>
                  <td class="was">
                    {change.published === undefined ? (
                      <span class="muted">(none)</span>
                    ) : (
                      <del>{show(change.published)}</del>
                    )}
                  </td>
                  <td class="now">
                    {change.draft === undefined ? (
                      <span class="muted">(removed)</span>
                    ) : (
                      <ins>{show(change.draft)}</ins>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>As teachers will see it</h2>
      {record ? <RecordView record={record} titles={titles} /> : <FormErrors errors={problems} />}
      {inReview ? (
        <div class="card actions">
          {review.revision.authorId === user.id && (
            <p>You wrote this revision: another curator must review and publish it.</p>
          )}
          <form method="post" action={`/hubs/${hub.slug}/items/${id}/publish`} class="inline">
            <button type="submit">Approve and publish</button>
          </form>{' '}
          <form method="post" action={`/hubs/${hub.slug}/items/${id}/return`} class="inline">
            <button type="submit" class="secondary">
              Send back to draft
            </button>
          </form>
        </div>
      ) : (
        <p>
          This revision is {review.revision.status}, not in review.{' '}
          <a href={`/hubs/${hub.slug}/items/${id}/edit`}>Edit the item</a>
        </p>
      )}
    </Layout>,
    errors ? 403 : 200,
  )
}

reviewPages.get('/hubs/:slug/items/:id/review', (c) => reviewPage(c))

reviewPages.post('/hubs/:slug/items/:id/publish', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const id = c.req.param('id')
  try {
    await authoring.publishItem(db, c.env.DB, hub.slug, user.id, id)
  } catch (error) {
    // The second-curator rule (403) and a revision no longer in review (409) are for the reviewer.
    if (error instanceof ApiError && (error.status === 403 || error.status === 409))
      return reviewPage(c, [error.message])
    throw error
  }
  return c.redirect(`/hubs/${hub.slug}/items/${id}/review?done=published`, 303)
})

/**
 * Sending back saves the same words again (editItem): the revision returns to draft for its
 * author, and re-saving makes nobody its author.
 */
reviewPages.post('/hubs/:slug/items/:id/return', async (c) => {
  const { user, db, hub } = await curatorContext(c)
  const id = c.req.param('id')
  await authoring.getAuthoredItem(db, hub.slug, id)
  const latest = await authoring.latestRevision(db, id)
  if (latest.status !== 'review') throw new ApiError(409, 'That revision is not in review')
  await authoring.editItem(db, c.env.DB, hub.slug, user.id, latest.input as ItemInput)
  return c.redirect(`/hubs/${hub.slug}/review?done=returned`, 303)
})
