/** An item: its page with the reveal and threads, classroom mode, and the printable worksheet. Each reads through the same query functions as the API. */
import { Hono, type Context } from 'hono'
import { getItem, getItemSummaries, type ItemDetail, listItems } from '../items/items.queries.ts'
import type { AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { searchOptions, similarItems } from '../search/search-bank.ts'
import { ItemBody, Reveal, Worksheet } from './item-view.tsx'
import { ItemEvidenceSection, TypedCountsForm } from './evidence-pages.tsx'
import { Layout } from './layout.tsx'
import { LiveStartForm } from './live-pages.tsx'
import { ThreadsSection } from './thread-view.tsx'

export const itemPages = new Hono<AppEnv>()

async function itemOr404(c: Context<AppEnv>): Promise<ItemDetail> {
  const id = c.req.param('id') ?? ''
  const item = /^[a-z0-9-]{1,80}$/.test(id) ? await getItem(getDb(c.env.DB), id) : null
  if (!item) throw notFound(`Item "${id}"`)
  return item
}

itemPages.get('/items/:id', async (c) => {
  const item = await itemOr404(c)
  const db = getDb(c.env.DB)
  const similar = (await similarItems(db, item.id, 5, searchOptions(c.env))) ?? []
  const related = await getItemSummaries(
    db,
    similar.map((s) => s.ref),
  )
  return c.html(
    <Layout title={item.construct} user={c.get('user')}>
      <p class="muted">
        <a href={`/search?strand=${item.strand.slug}`}>{item.strand.name}</a> ›{' '}
        <a href={`/search?topic=${item.topic.slug}`}>{item.topic.name}</a> · Years{' '}
        {item.years.join(', ')}
      </p>
      <h1>{item.construct}</h1>
      <article class="card" aria-label="The question">
        <ItemBody item={item} />
      </article>
      <p class="no-print">
        <a class="button" href={`/items/${item.id}/classroom`}>
          Show to the class
        </a>{' '}
        <a class="button secondary" href={`/print?items=${item.id}`}>
          Print with answer key
        </a>
      </p>
      <Reveal item={item} />
      <LiveStartForm db={db} user={c.get('user')} itemIds={[item.id]} />
      <ItemEvidenceSection db={db} user={c.get('user')} itemId={item.id} />
      <p class="muted">
        Source: {item.source} · Licence: {item.licence}
      </p>
      <ThreadsSection db={db} user={c.get('user')} target={{ kind: 'item', id: item.id }} />
      {related.length > 0 && (
        <section aria-labelledby="related">
          <h2 id="related">Related items</h2>
          <ul>
            {related.map((r) => (
              <li>
                <a href={`/items/${r.id}`}>{r.construct}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>,
  )
})

itemPages.get('/items/:id/classroom', async (c) => {
  const item = await itemOr404(c)
  const db = getDb(c.env.DB)
  // "Next" moves through the same topic in id order, wrapping to its first item.
  const siblings = await listItems(db, { topic: item.topic.slug }, { limit: 50 })
  const at = siblings.findIndex((s) => s.id === item.id)
  const next = siblings[(at + 1) % siblings.length]
  return c.html(
    <Layout title={`Classroom: ${item.construct}`} user={c.get('user')} bodyClass="classroom">
      <h1 class="visually-hidden">{item.construct}</h1>
      <ItemBody item={item} />
      <div class="controls no-print">
        <a class="button secondary" href={`/items/${item.id}`}>
          Exit
        </a>
        {next && next.id !== item.id && (
          <a class="button" href={`/items/${next.id}/classroom`} data-next>
            Next item
          </a>
        )}
        <span class="muted">Keys: R reveals · N or → next · Esc exits</span>
      </div>
      <Reveal item={item} />
      <LiveStartForm db={db} user={c.get('user')} itemIds={[item.id]} />
      <TypedCountsForm
        db={db}
        user={c.get('user')}
        itemId={item.id}
        labels={item.options.map((o) => o.label)}
      />
    </Layout>,
  )
})

itemPages.get('/print', async (c) => {
  const ids = (c.req.query('items') ?? '')
    .split(',')
    .filter((id) => /^[a-z0-9-]{1,80}$/.test(id))
    .slice(0, 40)
  if (ids.length === 0) throw new ApiError(400, 'Choose the items to print: /print?items=id1,id2')
  const db = getDb(c.env.DB)
  const items = (await Promise.all(ids.map((id) => getItem(db, id)))).filter(
    (i): i is ItemDetail => i !== null,
  )
  if (items.length === 0) throw notFound('Those items')
  return c.html(
    <Layout title="Worksheet" user={c.get('user')}>
      <p class="no-print">
        <button type="button" data-print>
          Print
        </button>
      </p>
      <Worksheet title="Worksheet" items={items} />
    </Layout>,
  )
})
