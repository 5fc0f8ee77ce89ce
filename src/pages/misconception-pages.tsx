/** Misconceptions: the list by topic, and one misconception with the items that diagnose it. Each reads through the same query functions as the API. */
import { Hono } from 'hono'
import type { AppEnv } from '../lib/context.ts'
import { getDb } from '../lib/db.ts'
import { notFound } from '../lib/errors.ts'
import { getMisconception, listMisconceptions } from '../misconceptions/misconceptions.queries.ts'
import { Html, Layout } from './layout.tsx'
import { MisconceptionEvidenceSection } from './evidence-sections.tsx'
import { ThreadsSection } from './thread-view.tsx'

export const misconceptionPages = new Hono<AppEnv>()

misconceptionPages.get('/misconceptions', async (c) => {
  const rows = await listMisconceptions(getDb(c.env.DB), {}, { limit: 500 })
  return c.html(
    <Layout title="Misconceptions" user={c.get('user')}>
      <h1>Misconceptions</h1>
      <ul class="results">
        {rows.map((m) => (
          <li>
            <a href={`/misconceptions/${m.slug}`}>{m.title}</a>{' '}
            <span class="muted">
              {m.topic.name} · {m.itemCount} {m.itemCount === 1 ? 'item' : 'items'}
            </span>
          </li>
        ))}
      </ul>
    </Layout>,
  )
})

misconceptionPages.get('/misconceptions/:slug', async (c) => {
  const slug = c.req.param('slug')
  const m = /^[a-z0-9-]{1,80}$/.test(slug) ? await getMisconception(getDb(c.env.DB), slug) : null
  if (!m) throw notFound(`Misconception "${slug}"`)
  return c.html(
    <Layout title={m.title} user={c.get('user')}>
      <p class="muted">
        <a href={`/search?strand=${m.strand.slug}`}>{m.strand.name}</a> ›{' '}
        <a href={`/search?topic=${m.topic.slug}`}>{m.topic.name}</a>
      </p>
      <h1>{m.title}</h1>
      <Html html={m.description.html} />
      <h2>Why it arises</h2>
      <Html html={m.whyItArises.html} />
      <h2>How to address it</h2>
      <Html html={m.howToAddress.html} />
      <h2>Items that diagnose it</h2>
      <ul class="results">
        {m.items.map((item) => (
          <li class="card">
            <a href={`/items/${item.id}`}>{item.construct}</a>{' '}
            <span class="muted">(option {item.options.join(', ')})</span>
            <Html html={item.stemHtml} />
          </li>
        ))}
      </ul>
      {m.related.length > 0 && (
        <>
          <h2>Related misconceptions</h2>
          <ul>
            {m.related.map((r) => (
              <li>
                <a href={`/misconceptions/${r.slug}`}>{r.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <MisconceptionEvidenceSection db={getDb(c.env.DB)} user={c.get('user')} slug={m.slug} />
      <ThreadsSection
        db={getDb(c.env.DB)}
        user={c.get('user')}
        target={{ kind: 'misconception', id: m.slug }}
      />
      {m.references.length > 0 && (
        <>
          <h2>References</h2>
          <ul>
            {m.references.map((r) => (
              <li>{r.url ? <a href={r.url}>{r.citation}</a> : r.citation}</li>
            ))}
          </ul>
        </>
      )}
    </Layout>,
  )
})
