/** An item: its page with the reveal and threads, classroom mode, and the printable worksheet. Each reads through the same query functions as the API. */
import { Hono, type Context } from 'hono'
import { getItem, getItemSummaries, type ItemDetail, listItems } from '../items/items.queries.ts'
import type { AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { ApiError, notFound } from '../lib/errors.ts'
import { searchOptions, similarItems } from '../search/search-bank.ts'
import { ClassroomItem, type Step } from './classroom-view.tsx'
import { ItemBody, ItemExports, Reveal, Worksheet } from './item-view.tsx'
import { idsFrom } from './list-pages.tsx'
import { AddToListButton } from './list-view.tsx'
import { getList } from '../lists/lists.queries.ts'
import { ItemEvidenceSection, TypedCountsForm } from './evidence-sections.tsx'
import { Layout } from './layout.tsx'
import { LiveStartForm } from './live-pages.tsx'
import { ThreadsSection } from './thread-view.tsx'
import { ItemAnnotationsSection } from './annotation-pages.tsx'

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
  const user = c.get('user')
  const onList = user ? (await getList(db, user.id)).items.some((i) => i.id === item.id) : false
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
      <p class="no-print item-actions">
        <a class="button" href={`/items/${item.id}/classroom`}>
          Show to the class
        </a>{' '}
        <AddToListButton itemId={item.id} onList={onList} back={`/items/${item.id}`} />{' '}
        <a class="button secondary" href={`/print?items=${item.id}`}>
          Print with answer key
        </a>
      </p>
      {c.req.query('added') === item.id && (
        <p role="status" class="card">
          Added to <a href="/list">your list</a>.
        </p>
      )}
      <Reveal item={item} />
      <ItemAnnotationsSection
        db={db}
        user={c.get('user')}
        item={item}
        open={c.req.query('annotations') === 'open'}
      />
      <ItemExports itemId={item.id} />
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
  // In a teacher's list the order is theirs (carried as ?list=); otherwise the topic's, by id.
  const listIds = idsFrom(c.req.query('list'))
  const name = (c.req.query('name') ?? '').slice(0, 160)
  const inList = listIds.includes(item.id)
  const steps = inList
    ? await getItemSummaries(db, listIds)
    : await listItems(db, { topic: item.topic.slug }, { limit: 50 })
  const at = steps.findIndex((s) => s.id === item.id)
  const keep = inList
    ? `?${new URLSearchParams({ list: listIds.join(','), ...(name ? { name } : {}) })}`
    : ''
  const step = (s: { id: string; construct: string } | undefined): Step | undefined =>
    s && s.id !== item.id
      ? { href: `/items/${s.id}/classroom${keep}`, label: s.construct }
      : undefined
  // A list stops at its ends; a topic wraps round, as before.
  const previous = inList
    ? step(steps[at - 1])
    : step(steps[(at - 1 + steps.length) % steps.length])
  const next = inList ? step(steps[at + 1]) : step(steps[(at + 1) % steps.length])
  const revealAll = c.req.query('reveal') === 'all'
  const here = `/items/${item.id}/classroom${keep}`
  return c.html(
    <Layout title={`Classroom: ${item.construct}`} user={c.get('user')} bodyClass="classroom">
      <ClassroomItem
        item={item}
        where={
          inList
            ? `Question ${at + 1} of ${steps.length}${name ? ` · ${name}` : ''}`
            : `${item.topic.name} · Years ${item.years.join(', ')}`
        }
        previous={previous}
        next={next}
        exit={inList ? '/list' : `/items/${item.id}`}
        revealAll={revealAll}
        revealAllHref={revealAll ? here : `${here}${keep ? '&' : '?'}reveal=all#answers`}
      />
      <LiveStartForm db={db} user={c.get('user')} itemIds={inList ? listIds : [item.id]} />
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
    .slice(0, 50)
  if (ids.length === 0) throw new ApiError(400, 'Choose the items to print: /print?items=id1,id2')
  const db = getDb(c.env.DB)
  const items = (await Promise.all(ids.map((id) => getItem(db, id)))).filter(
    (i): i is ItemDetail => i !== null,
  )
  if (items.length === 0) throw notFound('Those items')
  const title = (c.req.query('title') ?? '').trim().slice(0, 160) || 'Worksheet'
  return c.html(
    <Layout title={title} user={c.get('user')}>
      <p class="no-print">
        <button type="button" data-print>
          Print
        </button>
      </p>
      <Worksheet title={title} items={items} />
    </Layout>,
  )
})
